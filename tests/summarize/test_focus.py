"""Query-focused and update summaries: the query pulls the choice toward it, what the reader has
already read is not repeated, and a changed figure is reported as an update."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsfuse import api
from newsfuse.cli import cli
from newsfuse.compare.brief.build import build_brief
from newsfuse.embed import HashingEmbedder
from newsfuse.ingest import read_clusters
from newsfuse.models import Article
from newsfuse.settings import DEFAULT

from .storybuilder import build_story

FLOOD = (
    "Heavy rain flooded the river valley towns of the northern province on Monday night.",
    "Rescue teams pulled dozens of residents from rooftops as the water kept rising.",
    "The regional governor announced an emergency fund for the families who lost homes.",
    "Opposition lawmakers accused the governor of ignoring warnings about the old levees.",
    "Forecasters expect more storms to reach the valley later in the week.",
)
FLOOD_2 = (
    "Floodwater covered the valley towns of the northern province after a night of rain.",
    "Rescue crews used boats to reach residents stranded on rooftops and in attics.",
    "Lawmakers in the opposition said the governor had ignored engineers' warnings on the levees.",
    "The governor promised an emergency fund and a review of the levee repairs.",
    "Meteorologists said more storms could hit the valley by the weekend.",
)
FLOOD_3 = (
    "Rain flooded towns along the valley river in the northern province on Monday.",
    "Rescuers in boats reached people stranded on the roofs of their houses overnight.",
    "Critics in parliament said the governor ignored repeated warnings about the levees.",
    "An emergency fund for families who lost their homes was announced by the governor.",
    "More storms are forecast for the valley at the end of the week.",
)


def _chosen(summary) -> set[str]:  # type: ignore[no-untyped-def]
    return {s.text for s in summary.sentences}


def test_a_query_pulls_the_summary_toward_it() -> None:
    story = build_story(FLOOD, FLOOD_2, FLOOD_3)
    emb = HashingEmbedder()
    generic = api.summarize(story, words=30, embedder=emb)
    focused = api.summarize(
        story, words=30, embedder=emb, query="What did critics say about the levees warnings?"
    )
    about = [s for s in _chosen(focused) if "levee" in s.lower()]
    assert about, _chosen(focused)
    assert len(about) > sum("levee" in s.lower() for s in _chosen(generic))


def test_instruction_words_of_a_topic_are_not_query_terms() -> None:
    from newsfuse.summarize.focus import query_terms

    terms = query_terms("Describe the steps taken and include reactions reported in the press.")
    assert "describ" not in terms and "press" not in terms and "step" in terms


def test_background_facts_are_not_repeated() -> None:
    old = [Article(id="old", text="\n".join(FLOOD[:3]), source="Earlier")]
    new = build_story(
        (*FLOOD_2[:2], "Engineers found a breach forty metres wide in the eastern levee wall."),
        (*FLOOD_3[:2], "A breach in the eastern levee wall was found by engineers on Tuesday."),
    )
    emb = HashingEmbedder()
    update = api.summarize(new, words=20, embedder=emb, background=old)
    assert update.sentences, "something is new"
    assert all("breach" in s.text for s in update.sentences), _chosen(update)
    # Without the background the rescue and flooding sentences compete for the same words.
    generic = api.summarize(new, words=20, embedder=emb)
    assert any("breach" not in s.text for s in generic.sentences)


def test_background_ids_that_collide_are_renamed_and_never_cited() -> None:
    old = [Article(id="a0", text="\n".join(FLOOD), source="Earlier")]
    new = build_story(FLOOD_2, FLOOD_3)
    summary = api.summarize(new, words=40, embedder=HashingEmbedder(), background=old)
    cited = {c.article_id for s in summary.sentences for c in s.citations}
    assert cited <= {"a0", "a1"} and summary.sentences
    assert all(s.sentence.article_id in {"a0", "a1"} for s in summary.sentences)


def test_a_changed_number_is_an_update_old_value_first() -> None:
    old = [
        Article(
            id="monday",
            text="Officials said 17 people were killed in the flooding in the northern province.",
            source="Monday wire",
        )
    ]
    new = [
        Article(
            id="tuesday",
            text="Officials said 25 people were killed in the flooding in the northern province.",
            source="Tuesday wire",
        )
    ]
    brief = build_brief(new, DEFAULT.with_(words=40), HashingEmbedder(), background=old)
    updates = [c for c in brief.conflicts if c.update]
    assert updates, brief.conflicts
    c = updates[0]
    assert (c.a.article_id, c.value_a, c.b.article_id, c.value_b) == (
        "monday",
        "17",
        "tuesday",
        "25",
    )
    assert brief.background == ("monday",)
    from newsfuse.report import brief_text

    text = brief_text.to_text(brief)
    assert "update, quantity: 17 -> 25" in text
    assert "WHAT CHANGED SINCE YOU LAST READ" in text and "WHERE SOURCES DISAGREE" not in text
    from newsfuse.report import brief_html, brief_markdown

    assert "## What changed since you last read" in brief_markdown.to_markdown(brief)
    assert "<h2>What changed since you last read</h2>" in brief_html.to_html(brief)


def test_batch_lines_carry_query_topic_and_background(tmp_path: Path) -> None:
    lines = [
        {"id": "q", "query": "levees?", "documents": ["\n".join(FLOOD)]},
        {
            "id": "t",
            "topic": {"title": "Valley flood", "narrative": "Describe the rescue."},
            "documents": ["\n".join(FLOOD_2)],
            "background": ["\n".join(FLOOD_3)],
        },
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    q, t = read_clusters(path)
    assert q.query == "levees?" and q.background == ()
    assert t.query == "Valley flood. Describe the rescue."
    assert [a.id for a in t.background] == ["b0"] and [a.id for a in t.story.articles] == ["d0"]


def test_batch_background_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"documents": ["x y z."], "background": "old"}) + "\n")
    result = CliRunner().invoke(cli, ["summarize", "--input", str(path)])
    assert '"background" is not a list' in result.output


def test_cli_query_and_background(tmp_path: Path, fake_embedder) -> None:  # type: ignore[no-untyped-def]
    for name, sents in (("a.txt", FLOOD_2), ("b.txt", FLOOD_3), ("old.txt", FLOOD)):
        (tmp_path / name).write_text("\n".join(sents), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "brief",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--background",
            str(tmp_path / "old.txt"),
            "--query",
            "levees",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["query"] == "levees" and data["background"] == ["old"]
    assert all(s["sentence"]["article_id"] != "old" for s in data["summary"]["sentences"])
    missing = CliRunner().invoke(
        cli, ["summarize", str(tmp_path / "a.txt"), "--background", "nope"]
    )
    assert missing.exit_code == 2 and "--background" in missing.output


def test_expansion_lends_words_of_the_most_relevant_sentences() -> None:
    from newsfuse.pipeline import prepare
    from newsfuse.summarize.focus import relevance

    story = build_story(FLOOD, FLOOD_2, FLOOD_3)
    p = prepare(story, HashingEmbedder(), query="levees")
    plain = relevance(p, lexical=1.0)
    expanded = relevance(p, lexical=1.0, expand=3, expand_weight=0.5)
    assert plain is not None and expanded is not None
    # "governor" is in every levee sentence but not in the query: expansion finds it
    row = next(i for i, s in enumerate(p.sentences) if "emergency fund" in s.text)
    assert plain[row] == 0.0 < expanded[row]
    assert float(expanded.max()) == 1.0


def test_repeated_query_words_weigh_more() -> None:
    from newsfuse.pipeline import prepare
    from newsfuse.summarize.focus import relevance

    p = prepare(build_story(FLOOD, FLOOD_2), HashingEmbedder(), query="storms storms rescue")
    flat = relevance(p, lexical=1.0)
    counted = relevance(p, lexical=1.0, repeat=1.0)
    assert flat is not None and counted is not None
    storms = next(i for i, s in enumerate(p.sentences) if "storms" in s.text)
    rescue = next(i for i, s in enumerate(p.sentences) if "Rescue teams" in s.text)
    assert flat[storms] == flat[rescue]
    assert counted[storms] > counted[rescue]


def test_relevance_floor_keeps_irrelevant_candidates_out() -> None:
    import dataclasses

    from newsfuse.pipeline import prepare
    from newsfuse.summarize.fusion import DEFAULT_WEIGHTS, plan

    p = prepare(build_story(FLOOD, FLOOD_2, FLOOD_3), HashingEmbedder(), query="levees")
    settings = DEFAULT.with_(words=60)
    weights = dataclasses.replace(DEFAULT_WEIGHTS, query_lexical=1.0, query_floor=0.5)
    _, pool = plan(p, settings, weights)
    assert pool and all("levee" in p.sentences[i].text for i in pool)
    _, everything = plan(p, settings, DEFAULT_WEIGHTS)
    assert set(pool) < set(everything)


def test_update_terms_favour_new_figures_and_penalize_what_was_read() -> None:
    import dataclasses

    from newsfuse.pipeline import prepare, with_background
    from newsfuse.summarize.fusion import DEFAULT_WEIGHTS, FusionObjective

    old = [Article(id="old", text="\n".join(FLOOD[:2]), source="Earlier")]
    story, read = with_background(
        build_story(
            (FLOOD_2[0], "At least 40 people died in the flooding, officials said on Tuesday."),
            (FLOOD_3[0], "Officials said the flooding had killed at least 40 people."),
        ),
        old,
    )
    p = prepare(story, HashingEmbedder(), background=read)
    base = FusionObjective(p, DEFAULT_WEIGHTS)
    numbers = FusionObjective(p, dataclasses.replace(DEFAULT_WEIGHTS, background_numbers=0.1))
    penalty = FusionObjective(p, dataclasses.replace(DEFAULT_WEIGHTS, background_penalty=0.1))
    died = next(i for i, s in enumerate(p.sentences) if "40 people died" in s.text)
    again = next(i for i, s in enumerate(p.sentences) if s.text == FLOOD_2[0])
    assert (
        numbers.own[died] - base.own[died] == pytest.approx(0.1)
        and numbers.own[again] == base.own[again]
    )
    assert penalty.own[again] < base.own[again]


def test_a_candidate_repeating_a_sentence_read_is_left_out() -> None:
    import dataclasses

    from newsfuse.pipeline import prepare, with_background
    from newsfuse.summarize.fusion import DEFAULT_WEIGHTS, plan

    old = [Article(id="old", text="\n".join(FLOOD[:2]), source="Earlier")]
    story, read = with_background(build_story((FLOOD[0], *FLOOD_2[2:]), FLOOD_3), old)
    p = prepare(story, HashingEmbedder(), background=read)
    settings = DEFAULT.with_(words=60)
    weights = dataclasses.replace(DEFAULT_WEIGHTS, background_repeat=0.95)
    _, pool = plan(p, settings, weights)
    assert pool and all(p.sentences[i].text != FLOOD[0] for i in pool)
    _, everything = plan(p, settings, dataclasses.replace(weights, background_repeat=1.01))
    assert any(p.sentences[i].text == FLOOD[0] for i in everything)
