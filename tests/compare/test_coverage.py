"""The coverage grid: rows ranked conflicts, shared, single; copies folded; states and citations."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare.brief.coverage import ROWS, coverage_grid
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Brief, Claim, Conflict, Sentence, Story, Summary
from newsfuse.pipeline import prepare

WIRE = (
    "Foreign ministers from 17 nations met in Munich on Thursday to discuss the war.\n"
    "They agreed on a cessation of hostilities to begin within one week.\n"
    "Aid convoys will reach besieged towns in the coming days, the ministers said.\n"
    "The talks in Geneva are expected to resume later this month after a long pause."
)
DAILY = (
    "Diplomats from 20 nations gathered in Munich on Thursday for talks on the war.\n"
    "They agreed on a cessation of hostilities to begin within one week.\n"
    "Russia said its air strikes would continue regardless of the agreement."
)
RADIO = "Foreign ministers from 17 nations met in Munich on Thursday to discuss the war."


def _brief(claims: list[list[tuple[str, int]]], conflicts: list[Conflict] = ()) -> Brief:
    """A brief of Wire, Daily, Radio and a syndicated copy of Wire (Yahoo), with the claims
    given as lists of (article id, sentence index)."""
    story = Story(
        "s",
        (
            Article("w", WIRE, source="Wire"),
            Article("d", DAILY, source="Daily"),
            Article("r", RADIO, source="Radio"),
            Article("y", WIRE + "\nFollow us for more.", source="Yahoo"),
        ),
    )
    prepared = prepare(story, HashingEmbedder())
    sent = {(s.article_id, s.index): s for s in prepared.sentences}
    built = [
        Claim(
            tuple(sent[k] for k in keys),
            tuple(dict.fromkeys(a for a, _ in keys if a != "y")),
            "several" if len(keys) > 1 else "one",
            tuple(a for a, _ in keys if a == "y"),
        )
        for keys in claims
    ]
    return Brief(
        story,
        Summary("s", "newsfuse", 50, ()),
        claims=tuple(built),
        conflicts=tuple(conflicts),
        sentences=prepared.sentences,
    )


def _sentence(brief: Brief, aid: str, index: int) -> Sentence:
    return brief.sentence(aid, index)


def _states(row) -> dict[str, str]:
    return {c.article_id: c.state for c in row.cells}


def test_copies_are_no_column_and_rows_are_ranked_conflict_shared_single() -> None:
    base = _brief(
        [
            [("w", 0), ("r", 0), ("y", 0)],
            [("d", 0)],
            [("w", 1), ("d", 1), ("y", 1)],
            [("w", 2), ("y", 2)],
            [("d", 2)],
            [("w", 3), ("y", 3)],
        ]
    )
    conflict = Conflict(
        "quantity",
        _sentence(base, "w", 0),
        _sentence(base, "d", 0),
        "17",
        "20",
        reason="same fact: how many (nations); Wire says “17”, Daily says “20”",
    )
    brief = _brief(
        [
            [("w", 0), ("r", 0), ("y", 0)],
            [("d", 0)],
            [("w", 1), ("d", 1), ("y", 1)],
            [("w", 2), ("y", 2)],
            [("d", 2)],
            [("w", 3), ("y", 3)],
        ],
        [conflict],
    )
    grid = coverage_grid(brief)
    assert [c.article_id for c in grid[0].cells] == ["w", "d", "r"]  # Yahoo copies Wire
    assert [r.kind for r in grid] == ["conflict", "shared", "single", "single", "single"]
    top = grid[0]
    assert top.title == "how many (nations): 17 vs 20"
    # Wire and Radio say 17 (Radio through the claim it shares with Wire), Daily says 20.
    assert _states(top) == {"w": "reports", "d": "otherwise", "r": "reports"}
    assert [c.value for c in top.cells] == ["17", "20", "17"]
    assert [(c.citation.article_id, c.citation.sentence_index) for c in top.cells] == [
        ("w", 0),
        ("d", 0),
        ("r", 0),
    ]
    shared = grid[1]
    assert shared.title.startswith("They agreed on a cessation")
    assert _states(shared) == {"w": "reports", "d": "reports", "r": "silent"}
    assert shared.cells[2].citation is None
    # Single-source facts, the earliest of each source in turn: Wire's, Daily's, Wire's.
    assert [(r.cells[0].state, r.cells[1].state) for r in grid[2:]] == [
        ("reports", "silent"),
        ("silent", "reports"),
        ("reports", "silent"),
    ]
    assert all(r.cells[2].state == "silent" for r in grid[1:])


def test_a_fact_only_a_copy_carries_is_cited_to_the_copy_under_its_source() -> None:
    brief = _brief([[("y", 4), ("d", 2)]])
    (row,) = coverage_grid(brief)
    cell = row.cells[0]
    assert (cell.article_id, cell.state) == ("w", "reports")
    assert (cell.citation.article_id, cell.citation.sentence_index) == ("y", 4)


def test_three_values_of_one_fact_are_one_row() -> None:
    base = _brief([])
    w, d, r = (_sentence(base, a, 0) for a in "wdr")
    conflicts = [
        Conflict("quantity", w, d, "17", "20"),
        Conflict("quantity", d, r, "20", "19"),
    ]
    brief = _brief([], conflicts)
    (row,) = coverage_grid(brief)
    assert row.kind == "conflict" and row.title == "quantity: 17 vs 20 vs 19"
    # No value has a majority: the first one stated is the one "reported".
    assert _states(row) == {"w": "reports", "d": "otherwise", "r": "otherwise"}


def test_capped_questions_left_out_and_one_source_has_no_grid() -> None:
    many = [[("w", k % 4)] for k in range(20)] + [[("d", 0), ("r", 0)]]
    grid = coverage_grid(_brief(many))
    assert len(grid) == ROWS
    assert grid[0].kind == "shared"
    single = Story("one", (Article("a", RADIO),))
    prepared = prepare(single, HashingEmbedder())
    claim = Claim(prepared.sentences, ("a",), "all")
    alone = Brief(single, Summary("one", "newsfuse", 50, ()), claims=(claim,))
    assert coverage_grid(alone) == ()


def test_brief_json_round_trip_keeps_the_grid_and_old_briefs_still_load() -> None:
    brief = _brief([[("w", 1), ("d", 1)]])
    from dataclasses import replace

    brief = replace(brief, coverage=coverage_grid(brief))
    assert Brief.from_json(brief.to_json()) == brief
    data = brief.to_dict()
    assert data["coverage"][0]["cells"][2] == {
        "article_id": "r",
        "state": "silent",
        "citation": None,
        "value": "",
    }
    del data["coverage"]
    assert Brief.from_dict(data).coverage == ()


@pytest.mark.slow
def test_built_brief_has_a_grid_from_its_claims_and_conflicts() -> None:
    from newsfuse.compare.brief.build import build_brief

    day = dt.datetime(2016, 2, 12)
    story = Story(
        "m",
        (
            Article("w", WIRE, source="Wire", published=day),
            Article("d", DAILY, source="Daily", published=day),
        ),
    )
    brief = build_brief(story, embedder=HashingEmbedder())
    assert brief.coverage == coverage_grid(brief)
    assert brief.coverage and all(len(r.cells) == 2 for r in brief.coverage)
    shared = [r for r in brief.coverage if r.kind == "shared"]
    assert any(r.title.startswith("They agreed") for r in shared)


def test_a_long_conflict_subject_is_cut_but_never_its_values() -> None:
    base = _brief([])
    w, d = _sentence(base, "w", 0), _sentence(base, "d", 0)
    subject = "how many (" + "very " * 30 + "nations)"
    conflict = Conflict("quantity", w, d, "17", "20", reason=f"same fact: {subject}; Wire says")
    (row,) = coverage_grid(_brief([], [conflict]))
    assert row.title.endswith("…: 17 vs 20") and len(row.title) <= 90


def test_a_source_is_placed_by_its_own_conflicting_sentence_before_its_claims() -> None:
    # Daily's sentence 3 shares a claim with Wire's 17, but Daily's own sentence says 20.
    claims = [[("w", 0), ("d", 2)]]
    base = _brief(claims)
    conflict = Conflict("quantity", _sentence(base, "w", 0), _sentence(base, "d", 0), "17", "20")
    (row,) = coverage_grid(_brief(claims, [conflict]))
    assert _states(row) == {"w": "reports", "d": "otherwise", "r": "silent"}
    assert row.cells[1].citation.sentence_index == 0
