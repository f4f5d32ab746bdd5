"""A summary's sources list: the sources it cites, in story order, and a count of the rest."""

from __future__ import annotations

import json

from newsfuse.models import Article, Citation, CitedSentence, Sentence, Story, Summary
from newsfuse.report.summary import to_json, to_markdown, to_text


def story_and_summary(n: int = 5) -> tuple[Story, Summary]:
    articles = tuple(
        Article(id=f"a{k}", text=f"Report number {k} of the flood.", source=f"Outlet {k}")
        for k in range(n)
    )
    s0 = Sentence("a1", 0, articles[1].text, 0, len(articles[1].text))
    cited = CitedSentence(s0, (Citation("a1", 0, 1.0), Citation("a3", 0, 0.8)))
    return Story("s", articles), Summary("s", "newsfuse", 50, (cited,))


def test_text_lists_cited_sources_with_their_story_numbers_and_counts_the_rest() -> None:
    story, summary = story_and_summary()
    out = to_text(story, summary)
    assert "[2][4]" in out
    sources = out.split("Sources:\n", 1)[1].splitlines()
    assert sources[0].startswith("[2] Outlet 1") and sources[1].startswith("[4] Outlet 3")
    assert sources[2] == "(and 3 other sources in the story, not cited)"
    assert "Outlet 0" not in out


def test_markdown_keeps_the_citation_numbers_markdown_would_renumber() -> None:
    story, summary = story_and_summary()
    out = to_markdown(story, summary)
    assert "- \\[2\\] Outlet 1" in out and "- \\[4\\] Outlet 3" in out
    assert "\n2. " not in out  # an ordered list would be rendered 1., 2.
    assert "*and 3 other sources in the story, not cited*" in out


def test_no_count_line_when_every_source_is_cited() -> None:
    story, summary = story_and_summary(n=4)
    story = Story("s", (story.articles[1], story.articles[3]))
    out = to_text(story, summary)
    assert "[1][2]" in out and "other source" not in out


def test_json_keeps_every_source_and_marks_the_cited_ones() -> None:
    story, summary = story_and_summary()
    data = json.loads(to_json(story, summary))
    assert [s["cited"] for s in data["sources"]] == [False, True, False, True, False]
