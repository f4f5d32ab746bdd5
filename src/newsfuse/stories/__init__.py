"""Story detection: group a stream of articles into events, online, in input order."""

from newsfuse.stories.features import ArticleFeatures, TermStats
from newsfuse.stories.online import Assignment, MemoryArchive, StoryDetector, StoryState
from newsfuse.stories.params import DEFAULT_PARAMS, StoryParams

__all__ = [
    "DEFAULT_PARAMS",
    "ArticleFeatures",
    "Assignment",
    "MemoryArchive",
    "StoryDetector",
    "StoryParams",
    "StoryState",
    "TermStats",
]
