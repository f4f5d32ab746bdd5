"""Request bodies of the REST API, as pydantic models so the OpenAPI schema documents them.

Responses are the data model's own ``to_dict`` JSON (``Brief``, ``Story``), which the models
module already defines field by field; they are not duplicated here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ArticleIn(BaseModel):
    """One article. Only ``text`` is required; every other field improves the briefing."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article body, plain text. Never interpreted as HTML.")
    id: str = Field("", description="Distinct id within the request (default a1, a2, ...).")
    title: str = ""
    source: str = Field("", description='Outlet name, shown as the citation label ("CNN").')
    url: str = ""
    published: str = Field("", description='ISO 8601 date or datetime ("2016-02-11").')
    author: str = ""

    def record(self, position: int) -> dict[str, Any]:
        """The ``article_from_record`` input for this article at ``position`` (0-based)."""
        rec = self.model_dump()
        rec["id"] = self.id or f"a{position + 1}"
        return rec


class BriefRequest(BaseModel):
    """``POST /api/brief`` as JSON: the articles of one story."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(description="The reports to fuse, at least one.")
    title: str = Field("", description="Story title (default: the first article's title).")
    words: int | None = Field(None, ge=1, description="Summary word budget (server default).")
    query: str = Field(
        "", max_length=2000, description="Focus the summary on this question (optional)."
    )
    background: list[ArticleIn] = Field(
        default_factory=list,
        description="Articles the reader has already read: the summary covers only what the "
        "others add, and a changed figure is listed as an update.",
    )


class ArticlesRequest(BaseModel):
    """``POST /api/articles``: articles to add to the store."""

    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(description="Articles to store, at least one.")


BRIEF_FORM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "files": {
            "type": "array",
            "items": {"type": "string", "format": "binary"},
            "description": "Article files (.txt with optional front matter, .html, .json, "
            ".jsonl), read exactly as the command line reads them.",
        },
        "text": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Pasted articles, each read as a .txt file.",
        },
        "title": {"type": "string"},
        "words": {"type": "integer", "minimum": 1},
        "query": {"type": "string", "description": "Focus the summary on this question."},
    },
}
"""OpenAPI schema of the multipart form ``POST /api/brief`` also accepts."""
