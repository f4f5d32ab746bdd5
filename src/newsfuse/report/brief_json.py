"""A brief as JSON: ``Brief.to_dict()``, which ``Brief.from_dict`` reads back."""

from __future__ import annotations

import json

from newsfuse.models import Brief


def to_json(brief: Brief) -> str:
    """The whole briefing, including the articles and every sentence, as indented JSON."""
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
