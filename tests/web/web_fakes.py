"""Small, fast stand-ins for the brief builder and the store, so web tests need no model.

``fake_build_brief`` fills every section of a ``Brief`` from the articles' own sentences (split
by the real splitter), so the page has real article text to render: the first sentence of each
article is the summary, cited by the most similar sentence of every other article; a number that
differs between the first sentences of two articles is a conflict; and so on.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.budget import checkpoint
from newsfuse.compare.brief.coverage import coverage_grid
from newsfuse.embed import Embedder, HashingEmbedder
from newsfuse.errors import NotFoundError, StoppedError
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
from newsfuse.pipeline import prepare
from newsfuse.settings import Settings

MUNICH = Path(__file__).resolve().parents[2] / "examples" / "munich-2016"

_NUMBER = re.compile(r"\d[\d,]*")
_QUOTE = re.compile(r"[“\"]([^”\"]{8,})[”\"]")


class CountingBuilder:
    """A fake builder that records which threads it ran on and how many ran at once."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0
        self.threads: set[int] = set()
        self.active = 0
        self.max_active = 0
        self._lock = threading.Lock()
        self.focus: list[dict[str, object]] = []
        """The ``query`` and ``background`` keywords of each call."""

    def __call__(
        self, story: Story, settings: Settings, embedder: Embedder, **focus: object
    ) -> Brief:
        with self._lock:
            self.focus.append(focus)
            self.calls += 1
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            self.threads.add(threading.get_ident())
        try:
            if self.delay:
                threading.Event().wait(self.delay)
            return fake_build_brief(story, settings, embedder)
        finally:
            with self._lock:
                self.active -= 1


class SlowBuilder:
    """A fake builder that, for a story whose first article says ``SLOW``, works (sleeps and
    calls ``checkpoint``) for up to ``seconds`` before answering; other stories are quick.
    ``stopped`` collects the errors that stopped it; ``started`` is set when slow work begins."""

    def __init__(self, seconds: float = 30.0) -> None:
        self.seconds = seconds
        self.started = threading.Event()
        self.stopped: list[StoppedError] = []
        self.finished = threading.Event()

    def __call__(
        self, story: Story, settings: Settings, embedder: Embedder, **focus: object
    ) -> Brief:
        if "SLOW" in story.articles[0].text:
            self.started.set()
            end = time.monotonic() + self.seconds
            try:
                while time.monotonic() < end:
                    checkpoint()
                    time.sleep(0.01)
            except StoppedError as exc:
                self.stopped.append(exc)
                raise
            finally:
                self.finished.set()
        return fake_build_brief(story, settings, embedder)


def fake_build_brief(story: Story, settings: Settings, embedder: Embedder) -> Brief:
    prepared = prepare(story, embedder)
    sents = prepared.sentences
    by_article = {aid: [sents[i] for i in rows] for aid, rows in prepared.by_article.items()}
    firsts = [rows[0] for rows in by_article.values() if rows]

    cited = []
    words = 0
    for s in firsts:
        n = len(s.text.split())
        if words + n > settings.words:
            break
        words += n
        cites = [Citation(s.article_id, s.index, 1.0)]
        for other_id, rows in by_article.items():
            if other_id == s.article_id or not rows:
                continue
            vecs = embedder.embed([s.text, *(r.text for r in rows)])
            sims = vecs[1:] @ vecs[0]
            best = int(np.argmax(sims))
            cites.append(Citation(other_id, rows[best].index, round(float(sims[best]), 3)))
        cited.append(CitedSentence(s, tuple(cites)))
    summary = Summary(story.id, "fake", settings.words, tuple(cited))

    conflicts = []
    groups = [_numbered(rows) for rows in by_article.values()]
    groups = [g for g in groups if g]
    if len(groups) >= 2:
        pair = next(((a, b) for a in groups[0] for b in groups[1] if a[1] != b[1]), None)
        if pair:
            (a, va), (b, vb) = pair
            conflicts.append(
                Conflict("quantity", a, b, va, vb, va, vb, "the outlets give different numbers")
            )

    claims = tuple(Claim((s,), (aid,), "one") for aid, rows in by_article.items() for s in rows[1:])
    quotes = []
    for s in sents:
        m = _QUOTE.search(s.text)
        if m:
            quotes.append(Quote(m.group(1), "A. Speaker", (s,), (s.article_id,)))
    timeline = []
    for art in story.articles:
        rows = by_article.get(art.id) or []
        if art.published and rows:
            timeline.append(
                TimelineEvent(
                    art.published.date(), "published", rows[0], (Citation(art.id, rows[0].index),)
                )
            )
    entities = (Entity("Munich", "PLACE", {a.id: 1 for a in story.articles}),)
    brief = Brief(
        story, summary, claims, tuple(conflicts), tuple(quotes), entities, tuple(timeline), sents
    )
    return replace(brief, coverage=coverage_grid(brief))  # as the real builder does


def _numbered(rows: list[Sentence]) -> list[tuple[Sentence, str]]:
    """Sentences with a number, and the first number in each."""
    return [(s, m.group()) for s in rows if (m := _NUMBER.search(s.text))]


class FakeStore:
    """In-memory stand-in for ``newsfuse.store.Store`` (only what the web app calls)."""

    def __init__(self, stories: list[Story] | None = None) -> None:
        self.stories = {s.id: s for s in stories or []}
        self.briefs: dict[tuple[str, str], Brief] = {}
        self.added: list[Article] = []

    def list_stories(self, since: dt.datetime | None = None) -> list[dict[str, object]]:
        return [
            {"id": s.id, "title": s.title, "size": len(s.articles)} for s in self.stories.values()
        ]

    def get_story(self, story_id: str) -> Story:
        try:
            return self.stories[story_id]
        except KeyError:
            raise NotFoundError(f"no story {story_id!r}; list them with GET /api/stories") from None

    def add_article(self, article: Article) -> dict[str, str]:
        self.added.append(article)
        story = self.stories.get("inbox") or Story("inbox", (), "Inbox")
        self.stories["inbox"] = Story("inbox", (*story.articles, article), "Inbox")
        return {"article_id": article.id, "story_id": "inbox"}

    def get_brief(self, story_id: str, variant: str = "") -> Brief | None:
        self.get_story(story_id)
        return self.briefs.get((story_id, variant))

    def put_brief(self, story_id: str, brief: Brief, variant: str = "") -> None:
        self.briefs[(story_id, variant)] = brief


def embedder() -> HashingEmbedder:
    return HashingEmbedder()


def brief_of(response: Any) -> Brief:
    """The ``Brief`` of a brief response (``POST /api/brief`` also lists the articles it
    ``skipped``)."""
    data = dict(response.json())
    assert isinstance(data.pop("skipped", []), list)
    return Brief.from_dict(data)
