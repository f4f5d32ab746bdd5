"""Every error newsfuse raises on purpose. Each message says what went wrong *and what to do*.

Hierarchy::

    NewsfuseError
    ├── InputError             bad user input (exit code 2 in the CLI, HTTP 422 in the API)
    │   ├── ArticleError       one article could not be read; carries ``origin`` (file, line, URL)
    │   │   ├── EmptyArticleError      nothing left after cleaning
    │   │   ├── EncodingError          not UTF-8 text / binary content
    │   │   └── FormatError            malformed JSON, JSON without "text", unknown file type
    │   ├── NotFoundError      a path, story or article that does not exist
    │   └── LimitError         input over a configured size limit (HTTP 413)
    ├── FetchError             a URL could not be fetched (timeout, size, forbidden address)
    ├── ModelError             a bundled model package is missing or is not the pinned version
    ├── StoreError             the database is unreadable, locked, or from a newer newsfuse
    └── StoppedError           work stopped at a checkpoint before it finished (HTTP 503,
        │                      exit code 3 in the CLI); see ``newsfuse.budget``
        ├── BudgetExceeded     past its time limit (``--time-limit``, ``WebLimits.time_limit``)
        └── WorkCancelled      cancelled: the client disconnected, or the server is stopping

    SkippedArticleWarning      (a UserWarning) an article the Python API skipped, with why
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "BudgetExceeded",
    "EmptyArticleError",
    "EncodingError",
    "FetchError",
    "FormatError",
    "InputError",
    "LimitError",
    "ModelError",
    "NewsfuseError",
    "NotFoundError",
    "SkippedArticleWarning",
    "StoppedError",
    "StoreError",
    "WorkCancelled",
]


class NewsfuseError(Exception):
    """Base class of every error newsfuse raises on purpose."""


class InputError(NewsfuseError):
    """The input cannot be used as given."""


class ArticleError(InputError):
    """One article could not be read. ``origin`` names where it came from."""

    def __init__(self, origin: str, problem: str, fix: str = "") -> None:
        self.origin = origin
        self.problem = problem
        self.fix = fix
        msg = f"{origin}: {problem}"
        if fix:
            msg += f"; {fix}"
        super().__init__(msg)


class EmptyArticleError(ArticleError):
    """The article has no text (or none left after boilerplate removal)."""


class EncodingError(ArticleError):
    """The bytes are not UTF-8 text (or are binary)."""


class FormatError(ArticleError):
    """The file is not in the format its name or content says."""


class NotFoundError(InputError):
    """A path, story or article that does not exist."""


class LimitError(InputError):
    """The input is larger than a configured limit."""


class FetchError(NewsfuseError):
    """A URL could not be fetched."""


class ModelError(NewsfuseError):
    """A model package is missing or not the pinned version."""


class StoreError(NewsfuseError):
    """The article store cannot be used."""


class StoppedError(NewsfuseError):
    """Work stopped at a checkpoint (``newsfuse.budget.checkpoint``) before it finished."""


class BudgetExceeded(StoppedError):
    """The work ran past its time limit. ``seconds`` is the limit; ``fix`` says how to get more."""

    def __init__(self, what: str, seconds: float, fix: str) -> None:
        self.seconds = seconds
        super().__init__(
            f"{what} would take longer than its {seconds:g} s time limit and was stopped; {fix}"
        )


class WorkCancelled(StoppedError):
    """The work was cancelled from outside (the message says by what)."""


class SkippedArticleWarning(UserWarning):
    """``newsfuse.load`` skipped an unreadable article (the message says which and why)."""
