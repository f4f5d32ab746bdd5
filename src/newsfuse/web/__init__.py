"""The web app: a REST API over the library and a page that renders a briefing.

Nothing outside this package knows about HTTP; nothing in it knows about the command line.
"""

from newsfuse.web.app import create_app
from newsfuse.web.limits import WebLimits

__all__ = ["WebLimits", "create_app"]
