"""newsfuse: one cited briefing from many news reports of the same events."""

# The subpackage newsfuse.summarize shares its name with the function newsfuse.summarize. Loading
# the subpackage first means the import system has already set (and will not reset) the package
# attribute, so the function bound below is what ``newsfuse.summarize`` stays.
import newsfuse.summarize as _summarize_package  # noqa: F401
from newsfuse.api import load, make_story, summarize
from newsfuse.compare.brief.build import build_brief as brief
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
    "brief",
    "load",
    "make_story",
    "summarize",
]
