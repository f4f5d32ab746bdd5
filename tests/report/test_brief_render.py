"""Brief renderers: every section in every format, and untrusted article text kept inert."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

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
from newsfuse.report.brief_common import (
    ENTITIES_SHOWN,
    QUOTES_PER_SPEAKER,
    SHARED_SHOWN,
    SINGLE_SHOWN,
    sections,
)
from newsfuse.report.brief_html import to_html
from newsfuse.report.brief_json import to_json
from newsfuse.report.brief_markdown import to_markdown
from newsfuse.report.brief_text import to_text

EVIL = (
    "Officials said <script>alert(1)</script> was posted with <img src=x onerror=alert(1)> "
    'and <a href="javascript:alert(1)">a link</a> in 2013.'
)


def _sentence(aid: str, index: int, text: str) -> Sentence:
    return Sentence(aid, index, text, 0, len(text))


A0 = _sentence("a", 0, EVIL)
A1 = _sentence("a", 1, "The ministers said 17 nations back the ceasefire.")
B0 = _sentence("b", 0, "The ministers said 20 nations back the ceasefire.")
B1 = _sentence("b", 1, "Lavrov said Moscow had submitted a “concrete plan” by Feb. 25.")
B2 = _sentence("b", 2, "Aid convoys reached the besieged city of Madaya overnight.")


def _brief() -> Brief:
    story = Story(
        "s1",
        (
            Article(
                "a",
                " ".join(s.text for s in (A0, A1)),
                title='<script>alert("title")</script>',
                source="Wire <b>bold</b>",
                url="javascript:alert(1)",
                published=dt.datetime(2016, 2, 10),
            ),
            Article(
                "b",
                " ".join(s.text for s in (B0, B1, B2)),
                source="Daily",
                url="https://example.org/b?x=1&y=2",
            ),
        ),
        "Talks <em>in</em> Munich",
    )
    return Brief(
        story=story,
        summary=Summary(
            "s1",
            "newsfuse",
            60,
            (
                CitedSentence(A0, (Citation("a", 0), Citation("b", 0, 0.7))),
                CitedSentence(B1, (Citation("b", 1),)),
            ),
        ),
        claims=(
            Claim((A1, B0), ("a", "b"), "all"),
            Claim((A0,), ("a",), "one"),
            Claim((B2,), ("b",), "one"),
        ),
        conflicts=(Conflict("quantity", A1, B0, "17", "20", "17", "20", "Wire says 17"),),
        quotes=(
            Quote(
                "<script>alert(2)</script> is not acceptable at all",
                "John <b>Kerry</b>",
                (A0,),
                ("a",),
            ),
            Quote("concrete plan", "Sergey Lavrov", (B1,), ("b",)),
        ),
        entities=(
            Entity("John Kerry", "PERSON", {"a": 2, "b": 1}),
            Entity("<img src=y onerror=alert(3)>", "ORG", {"a": 1}),
            Entity("Madaya", "PLACE", {"b": 1}),
        ),
        timeline=(
            TimelineEvent(dt.date(2013, 1, 1), "2013", A0, (Citation("a", 0),), "year"),
            TimelineEvent(dt.date(2016, 2, 25), "Feb. 25", B1, (Citation("b", 1),), "day"),
        ),
        sentences=(A0, A1, B0, B1, B2),
    )


def test_sections_split_shared_and_single_source_claims() -> None:
    sec = sections(_brief(), full=True)
    assert sec.numbers == {"a": 1, "b": 2}
    assert [c.sentences[0] for c in sec.shared] == [A1]
    assert [(aid, [c.sentences[0] for c in cs]) for aid, cs in sec.single] == [
        ("a", [A0]),
        ("b", [B2]),
    ]
    assert [h for h, _ in sec.entities] == ["People", "Organizations", "Places"]


def test_text_shows_every_section_with_citations() -> None:
    out = to_text(_brief(), full=True)
    order = [
        "SUMMARY",
        "WHERE SOURCES DISAGREE",
        "REPORTED BY SEVERAL SOURCES",
        "REPORTED BY ONE SOURCE",
        "QUOTES",
        "PEOPLE",
        "ORGANIZATIONS",
        "PLACES",
        "TIMELINE",
        "SOURCES",
    ]
    positions = [out.index(f"\n{h}\n") for h in order]
    assert positions == sorted(positions)
    assert "quantity: 17 vs 20" in out
    assert "[1] Wire <b>bold</b>: The ministers said 17 nations" in out
    assert "[2] Daily: The ministers said 20 nations" in out
    assert re.search(r"17 nations back the ceasefire\. \[1\]\[2\]", out)
    assert "— Sergey Lavrov [2]" in out
    assert "in: Lavrov said Moscow had submitted" in out  # a partial quote shows its sentence
    assert "John Kerry [1][2] (Wire <b>bold</b> ×2, Daily ×1)" in out
    assert re.search(r"2013\s+Officials said", out)  # a year event shows only the year
    assert re.search(r"2016-02-25\s+Lavrov said", out)
    assert "[2] Daily, https://example.org/b?x=1&y=2" in out


def test_markdown_escapes_article_text() -> None:
    out = to_markdown(_brief())
    assert "# Talks \\<em\\>in\\</em\\> Munich" in out
    assert not re.findall(r"(?<!\\)[<>\[\]]", out)  # every bracket from the text is escaped
    assert "](javascript" not in out
    assert "\\<script\\>alert(1)\\</script\\>" in out
    assert (
        "| 1 | quantity | **17** — Wire \\<b\\>bold\\</b\\> \\[1\\]: The ministers said 17" in out
    )
    assert "### Daily \\[2\\]" in out
    assert "- “concrete plan” — **Sergey Lavrov** \\[2\\] — *in:* Lavrov said" in out
    assert "- **2013** (2013): Officials said" in out
    assert "2. Daily, https://example.org/b?x=1&y=2" in out


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained_and_escapes_everything() -> None:
    out = to_html(_brief())
    parser = _Tags()
    parser.feed(out)
    tags = {t for t, _ in parser.tags}
    assert not tags & {"script", "img", "iframe", "link", "object", "embed", "b", "em"}
    for _, attrs in parser.tags:
        assert not [k for k in attrs if k.startswith("on")]
        for key in ("href", "src"):
            value = attrs.get(key)
            assert value is None or value.startswith("#") or value.startswith("https://")
    assert "javascript:alert(1)</li>" in out  # the bad URL is shown as text, not linked
    assert 'href="javascript' not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<title>Talks &lt;em&gt;in&lt;/em&gt; Munich</title>" in out
    assert "“&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;”" in out
    assert 'href="https://example.org/b?x=1&amp;y=2"' in out
    assert "<style>" in out and "http://" not in out  # no external assets


def test_html_has_every_section_and_conflicts_side_by_side() -> None:
    out = to_html(_brief())
    for heading in (
        "Summary",
        "Where sources disagree",
        "Reported by several sources",
        "Reported by one source",
        "Quotes",
        "People",
        "Organizations",
        "Places",
        "Timeline",
        "Sources",
    ):
        assert f"<h2>{heading}</h2>" in out
    conflict = out[out.index('<div class="conflict">') :]
    assert conflict.index(">17<") < conflict.index(">20<")
    assert conflict.count('<div class="side">') == 2
    assert '<a class="cite" href="#src-2">[2]</a>' in out
    assert '<li id="src-1">' in out and '<li id="src-2">' in out
    assert '<td class="date">2013</td>' in out


def test_json_is_the_brief_dict_and_reads_back() -> None:
    brief = _brief()
    data = json.loads(to_json(brief))
    assert data == brief.to_dict()
    assert Brief.from_dict(data) == brief
    assert data["timeline"][0]["granularity"] == "year"


@pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
def test_an_empty_brief_still_renders_summary_and_sources(render) -> None:  # type: ignore[no-untyped-def]
    story = Story("s", (Article("a", "Only one sentence here.", source="Wire"),))
    brief = Brief(story, Summary("s", "lead", 10, ()))
    out = render(brief)
    assert "Wire" in out
    assert "Quotes" not in out and "QUOTES" not in out


@pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
def test_no_conflicts_is_said_when_several_sources_agree(render) -> None:  # type: ignore[no-untyped-def]
    brief = _brief()
    agreeing = Brief(brief.story, brief.summary, claims=brief.claims, sentences=brief.sentences)
    assert "No conflicting numbers" in render(agreeing)
    assert "No conflicting numbers" not in render(brief)


@pytest.mark.parametrize("render", [to_text, to_markdown, to_html])
def test_copies_are_named_and_conflicts_carry_reason_and_confidence(render) -> None:  # type: ignore[no-untyped-def]
    brief = _brief()
    copy = Article("c", B0.text, source="Syndicator")
    story = Story(brief.story.id, (*brief.story.articles, copy), brief.story.title)
    c0 = _sentence("c", 0, B0.text)
    claims = (Claim((A1, B0, c0), ("a", "b"), "all", ("c",)), *brief.claims[1:])
    conflict = Conflict(
        "quantity", A1, B0, "17", "20", "17", "20", confidence=0.87, reason="same fact: how many"
    )
    out = render(Brief(story, brief.summary, claims, (conflict,), sentences=(*brief.sentences, c0)))
    assert "also carried by Syndicator" in out
    assert "same fact: how many" in out and "confidence 0.87" in out


def _many() -> Brief:
    """A brief with more of everything than a short briefing shows."""
    base = _brief()
    sents = [
        _sentence("a", i, f"Fact number {i} was reported by both outlets today.") for i in range(12)
    ]
    claims = tuple(Claim((s, _sentence("b", s.index, s.text)), ("a", "b"), "all") for s in sents)
    singles = tuple(
        Claim(
            (_sentence("b", 20 + i, f"Only the daily reported detail {i} on Monday."),),
            ("b",),
            "one",
        )
        for i in range(7)
    )
    quotes = tuple(
        Quote(f"We said thing number {i} to the press", "Ann Lee", (B1,), ("b",)) for i in range(4)
    )
    people = tuple(Entity(f"Person {i}", "PERSON", {"a": 1}) for i in range(13))
    return dataclasses.replace(base, claims=claims + singles, quotes=quotes, entities=people)


def test_short_briefing_ranks_caps_and_says_how_many_more() -> None:
    sec = sections(_many())
    # facts 0 and 1 are summary sentences; of the other ten the earliest eight are shown
    assert [c.sentences[0].index for c in sec.shared] == list(range(2, 2 + SHARED_SHOWN))
    assert sec.more["shared"] == 10 - SHARED_SHOWN
    ((aid, shown),) = sec.single
    assert aid == "b" and len(shown) == SINGLE_SHOWN and sec.more["b"] == 7 - SINGLE_SHOWN
    assert [q.speaker for q in sec.quotes] == ["Ann Lee"] * QUOTES_PER_SPEAKER
    assert len(sec.entities[0][1]) == ENTITIES_SHOWN and sec.more["People"] == 3
    full = sections(_many(), full=True)
    assert len(full.shared) == 12 and len(full.quotes) == 4 and not full.more
    out = to_text(_many())
    assert f"and {10 - SHARED_SHOWN} more shared facts (--full shows all)" in out
    assert "Person 12" not in out and "Person 12" in to_text(_many(), full=True)
    assert "more quotes" in to_markdown(_many())


def test_short_briefing_does_not_repeat_the_summary_and_leads_with_a_headline() -> None:
    sec = sections(_brief())
    assert [(aid, [c.sentences[0] for c in cs]) for aid, cs in sec.single] == [("b", [B2])]
    out = to_text(_brief())
    assert out.splitlines()[0] == "Talks <em>in</em> Munich"
    assert out.index("SUMMARY") < out.index("WHERE SOURCES DISAGREE") < out.index("QUOTES")


def test_html_keeps_everything_and_folds_the_long_lists() -> None:
    out = to_html(_many())
    assert "Person 12" in out and "Fact number 11" in out
    assert f"{12 - SHARED_SHOWN} more</summary>" in out  # all 12 shared facts, 8 unfolded


def test_short_briefing_lists_as_facts_only_sentences_that_read_alone() -> None:
    text = (
        "“We backed the ceasefire,” the minister said on Friday. “Then the other side broke it. "
        "Nothing came of the talks.” He left the city the next morning by train. "
        "Aid convoys reached the besieged city of Madaya overnight."
    )
    sents, start = [], 0
    for k, piece in enumerate(re.split(r"(?<=[.”]) (?=[“A-Z])", text)):
        start = text.index(piece, start)
        sents.append(Sentence("c", k, piece, start, start + len(piece)))
    assert [s.text[:7] for s in sents] == ["“We bac", "“Then t", "Nothing", "He left", "Aid con"]
    base = _brief()
    story = dataclasses.replace(base.story, articles=(Article("c", text, source="Post"),))
    brief = dataclasses.replace(
        base,
        story=story,
        summary=Summary("s1", "newsfuse", 60, ()),
        claims=tuple(Claim((s,), ("c",), "one") for s in sents),
        conflicts=(),
    )
    ((_, shown),) = sections(brief).single
    assert [c.sentences[0].index for c in shown] == [0, 4]  # not the quotation's rest or "He"
    assert len(sections(brief, full=True).single[0][1]) == 5
