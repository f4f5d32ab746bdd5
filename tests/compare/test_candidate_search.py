"""Claims and conflicts compare only candidate pairs (nearest neighbours, shortlists): on a
normal story that finds exactly what comparing every pair finds, and on a story of thousands of
similar sentences the candidates stay proportional to the story."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib

import numpy as np
import pytest

from newsfuse.compare import find_claims, find_conflicts
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

link = importlib.import_module("newsfuse.compare.claims.link")
align = importlib.import_module("newsfuse.compare.conflicts.align")
roles = importlib.import_module("newsfuse.compare.conflicts.roles")

PLACES = ["Harbor Street", "the old mill", "Pine Avenue", "the rail depot", "Main Square"]
PEOPLE = ["Mayor Jane Ortiz", "Chief Tom Reyes", "Governor Ann Blake", "Senator Raj Patel"]


def reports(outlets: int = 4, facts: int = 14, seed: int = 3) -> Story:
    """Outlets telling the same events, each changing some figures, days and names."""
    rng = np.random.default_rng(seed)
    articles = []
    for k in range(outlets):
        lines = []
        for f in range(facts):
            hurt = 10 + f + (int(rng.integers(0, 3)) if rng.random() < 0.4 else 0)
            day = ["Monday", "Tuesday"][int(rng.random() < 0.2)]
            who = PEOPLE[(f + (k if rng.random() < 0.3 else 0)) % len(PEOPLE)]
            lines.append(
                f"A fire at {PLACES[f % len(PLACES)]} injured {hurt} people on {day}, "
                f"{who} said, and {f + 2} homes were damaged."
            )
            if rng.random() < 0.5:
                lines.append(f"{who} did not agree to reopen the road {f + 1} days later.")
        articles.append(
            Article(
                id=f"a{k}",
                text="\n".join(lines),
                source=f"Outlet{k}",
                published=dt.datetime(2021, 3, 10),
            )
        )
    return Story("s", tuple(articles))


def analyse(story: Story):
    p = prepare(story, HashingEmbedder())
    claims = find_claims(p, DEFAULT)
    return claims, find_conflicts(p, claims, DEFAULT)


@pytest.mark.parametrize("seed", [3, 4])
def test_candidate_search_finds_what_the_exhaustive_search_finds(monkeypatch, seed) -> None:
    story = reports(seed=seed)
    claims, conflicts = analyse(story)
    monkeypatch.setattr(link, "LINK_NEIGHBORS", 10**6)
    monkeypatch.setattr(align, "SHORTLIST", 10**6)
    monkeypatch.setattr(roles, "ROLE", dataclasses.replace(roles.ROLE, neighbors=10**6))
    every_claim, every_conflict = analyse(story)
    assert claims == every_claim
    assert conflicts == every_conflict
    assert conflicts, "the story has disagreements to find"


def test_candidates_grow_with_the_story_not_its_square() -> None:
    n = 400
    story = Story(
        "s",
        tuple(
            Article(id=f"n{k}", text=" ".join(f"{i + k} people died." for i in range(n)))
            for k in range(2)
        ),
    )
    p = prepare(story, HashingEmbedder())
    from newsfuse.compare.features import sentence_features

    scores = link.pair_scores(p, sentence_features(p))
    assert len(scores.pairs(-10.0)) <= 2 * n * link.LINK_NEIGHBORS
    graph = p.neighbors(roles.ROLE.neighbors, roles.ROLE.floor)
    assert graph.nnz <= 2 * 2 * n * roles.ROLE.neighbors
