"""The HTML briefing's coverage grid and timeline strip: structure, links, and escaping."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html.parser import HTMLParser

from newsfuse.compare.brief.coverage import coverage_grid
from newsfuse.models import (
    Article,
    Brief,
    Claim,
    Conflict,
    Sentence,
    Story,
    Summary,
    TimelineEvent,
)
from newsfuse.report.brief_html import to_html

HOSTILE_TITLE = '<script>window.__xss=1</script> 17 <img src=x onerror="window.__xss=2"> nations'
HOSTILE_OUTLET = '<b onmouseover="x()">Evil "Daily"</b>'


def _s(aid: str, index: int, text: str) -> Sentence:
    return Sentence(aid, index, text, 0, len(text))


W0 = _s("w", 0, HOSTILE_TITLE + " met in Munich on Thursday.")
W1 = _s("w", 1, "The ministers agreed on a ceasefire to begin within a week.")
E0 = _s("e", 0, "Diplomats of 20 nations met in Munich on Thursday.")
E1 = _s("e", 1, "The ministers agreed on a ceasefire to begin in a week's time.")
R0 = _s("r", 0, "Russia said its <i>air strikes</i> would go on.")


def _brief() -> Brief:
    story = Story(
        "s",
        (
            Article("w", W0.text + " " + W1.text, source="Wire"),
            Article("e", E0.text + " " + E1.text, source=HOSTILE_OUTLET),
            Article("r", R0.text, source="Radio"),
        ),
        "Munich",
    )
    brief = Brief(
        story,
        Summary("s", "newsfuse", 50, ()),
        claims=(Claim((W1, E1), ("w", "e"), "several"), Claim((R0,), ("r",), "one")),
        conflicts=(Conflict("quantity", W0, E0, "17", "20", reason="same fact: <u>n</u>; x"),),
        timeline=(
            TimelineEvent(dt.date(2016, 2, 11), "Thursday", W0),
            TimelineEvent(dt.date(2016, 2, 25), "Feb. 25", E1),
        ),
        sentences=(W0, W1, E0, E1, R0),
    )
    return replace(brief, coverage=coverage_grid(brief))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_grid_is_a_table_whose_cells_link_to_the_cited_sentences() -> None:
    out = to_html(_brief())
    tags = _tags(out)
    assert '<table class="grid"><caption>' in out
    scopes = [a["scope"] for t, a in tags if t == "th" and "scope" in a]
    assert scopes.count("col") == 4 and scopes.count("row") == 3  # fact + 3 sources; 3 facts
    ids = {a["id"] for _, a in tags if "id" in a}
    cells = [a for t, a in tags if t == "a" and "cell" in a.get("class", "")]
    assert [c["aria-label"] for c in cells] == [
        "Wire: reports it (17)",
        f"{HOSTILE_OUTLET}: says otherwise (20)",
        "Wire: reports it",
        f"{HOSTILE_OUTLET}: reports it",
        "Radio: reports it",
    ]
    for c in cells:
        assert c["href"].startswith("#") and c["href"][1:] in ids
    # The conflict row links Wire's cell to Wire's sentence 1 in the cited list.
    assert cells[0]["href"] == "#s1-0"
    silent = [a for t, a in tags if t == "span" and a.get("tabindex") == "0"]
    assert [s["aria-label"] for s in silent] == [
        "Radio: silent",
        "Radio: silent",
        "Wire: silent",
        f"{HOSTILE_OUTLET}: silent",
    ]


def test_grid_and_strip_escape_article_text() -> None:
    out = to_html(_brief())
    tags = _tags(out)
    names = {t for t, _ in tags}
    assert not names & {"script", "img", "b", "i", "u"}
    assert not [k for _, a in tags for k in a if k.startswith("on")]
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in out
    assert "&lt;u&gt;n&lt;/u&gt;: 17 vs 20" in out  # the conflict row's title
    assert "&lt;b onmouseover=&quot;x()&quot;&gt;Evil &quot;Daily&quot;&lt;/b&gt;" in out


def test_timeline_strip_is_an_image_with_the_table_as_its_text() -> None:
    out = to_html(_brief())
    (svg,) = [a for t, a in _tags(out) if t == "svg"]
    assert svg["role"] == "img"
    assert svg["aria-label"].startswith("Timeline of 2 dated events from 2016-02-11 to 2016-02-25")
    assert out.count('<circle class="dot"') == 2
    assert "<title>2016-02-11: &lt;script&gt;" in out  # a dot's tooltip, escaped
    assert '<td class="date">2016-02-25</td>' in out


def test_a_stored_brief_without_a_grid_gets_one_and_one_source_gets_none() -> None:
    brief = _brief()
    assert to_html(replace(brief, coverage=())) == to_html(brief)
    one = Brief(
        Story("o", (Article("w", W1.text, source="Wire"),)),
        Summary("o", "newsfuse", 50, ()),
        claims=(Claim((W1,), ("w",), "all"),),
        sentences=(W1,),
    )
    out = to_html(one)
    assert 'class="grid"' not in out and "<svg" not in out
