"""newsfuse: one cited briefing from many news reports of the same events."""

# The subpackage newsfuse.summarize shares its name with the function newsfuse.summarize. Loading
# the subpackage first means the import system has already set (and will not reset) the package
# attribute, so the function bound below is what ``newsfuse.summarize`` stays.
import newsfuse.summarize as _summarize_package  # noqa: F401
from newsfuse.api import brief, load, make_story, summarize
from newsfuse.errors import (
    ArticleError,
    InputError,
    ModelError,
    NewsfuseError,
)
from newsfuse.models import (
    Article,
    Brief,
    Citation,
    CitedSentence,
    Claim,
    Conflict,
    Entity,
    Quote,
    Sentence,
    Story,
    Summary,
    TimelineEvent,
)
from newsfuse.settings import Settings


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsfuse")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


__version__ = _version()

__all__ = [
    "Article",
    "ArticleError",
    "Brief",
    "Citation",
    "CitedSentence",
    "Claim",
    "Conflict",
    "Entity",
    "InputError",
    "ModelError",
    "NewsfuseError",
    "Quote",
    "Sentence",
    "Settings",
    "Story",
    "Summary",
    "TimelineEvent",
    "__version__",
    "brief",
    "load",
    "make_story",
    "summarize",
]
