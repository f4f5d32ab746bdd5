"""The default objective: concepts several articles share outweigh one article's."""

from __future__ import annotations

import importlib

import numpy as np

from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.summarize.fusion import FusionObjective, concepts

from .storybuilder import build_story

# ``import newsfuse.summarize.fusion as m`` would give the function the package exports
fusion_module = importlib.import_module("newsfuse.summarize.fusion")


def test_concepts_are_stemmed_bigrams_without_stopword_pairs() -> None:
    cs = concepts("The rebels were shelling the cities of the north")
    assert "rebel were" in cs and "shell the" in cs
    assert "of the" not in cs


def test_shared_concepts_gain_more_than_single_source_ones() -> None:
    story = build_story(
        (
            "Rescue teams pulled survivors from the collapsed hotel in the old town on Friday.",
            "A local bakery reopened its doors after renovation work finished this summer.",
        ),
        (
            "Rescue teams pulled survivors from the collapsed hotel, officials confirmed.",
            "Tourists crowded the beaches as temperatures climbed in the afternoon.",
        ),
        (
            "Survivors were pulled from the collapsed hotel by rescue teams overnight.",
            "The football club signed a new striker from a rival team last week.",
        ),
    )
    p = prepare(story, HashingEmbedder())
    obj = FusionObjective(p)
    shared, single = p.position("a0", 0), p.position("a0", 1)
    assert obj.gain(shared, 14) > obj.gain(single, 14)
    gain_before = obj.gain(p.position("a1", 0), 11)
    obj.add(shared)
    assert obj.gain(p.position("a1", 0), 11) < gain_before, "covered concepts stop paying"


def test_lead_prior_breaks_ties_towards_the_opening() -> None:
    same = "Prices for electricity rose by a fifth across the region during the winter months."
    story = build_story(
        (same, "Filler sentence about an unrelated parade downtown today."),
        ("Filler sentence about an unrelated concert held yesterday.", same),
    )
    p = prepare(story, HashingEmbedder())
    obj = FusionObjective(p)
    assert obj.gain(p.position("a0", 0), 14) > obj.gain(p.position("a1", 1), 14)


WORDS = "rescue teams hotel survivors town bakery beaches striker council river bridge flood storm police election budget school hospital train airport".split()  # noqa: SIM905, E501 - a word list reads best as words


def varied_story(articles: int = 5, sentences: int = 12):
    """Articles of sentences drawn from a small vocabulary, so many pairs resemble each other."""
    rng = np.random.default_rng(7)
    return build_story(
        *(
            tuple(
                " ".join(rng.choice(WORDS, size=9)).capitalize() + " on Monday."
                for _ in range(sentences)
            )
            for _ in range(articles)
        )
    )


def dense_gains(obj: FusionObjective, sketch: np.ndarray, floor: float, best: np.ndarray):
    """The facility-location gains as the dense n x n matrix computes them."""
    sim = np.clip((sketch @ sketch.T - floor) / (1.0 - floor), 0.0, None)
    lift = np.maximum(sim - best[:, None], 0.0)
    return (obj.prior @ lift) / obj.prior_total, sim


def test_the_sparse_objective_equals_the_dense_one() -> None:
    p = prepare(varied_story(), HashingEmbedder())
    obj = FusionObjective(p)
    floor = obj.w.sketch_floor
    best = np.zeros(len(p.sentences))
    for pick in (3, 17, 40):
        facility, sim = dense_gains(obj, p.sketch, floor, best)
        concept = obj.incidence @ (obj.concept_weight * obj.uncovered)
        np.testing.assert_allclose(obj._gains(), concept + facility + obj.own, rtol=1e-6, atol=1e-7)
        obj.add(pick)
        best = np.maximum(best, sim[:, pick])


def test_with_chosen_coverers_their_gains_are_unchanged(monkeypatch) -> None:
    p = prepare(varied_story(), HashingEmbedder())
    exact = FusionObjective(p)
    pool = list(range(0, len(p.sentences), 3))
    monkeypatch.setattr(fusion_module, "NEIGHBORS", len(pool))
    limited = FusionObjective(p, coverers=pool)
    for pick in (pool[2], pool[9]):
        np.testing.assert_allclose(
            limited._gains()[pool], exact._gains()[pool], rtol=1e-6, atol=1e-7
        )
        exact.add(pick)
        limited.add(pick)


def test_a_large_story_pool_leaves_out_copies_and_is_capped() -> None:
    story = varied_story(articles=4)
    copied = Article(id="copy", text=story.articles[0].text, source="Reprint")
    story = Story("s", (*story.articles, copied))
    p = prepare(story, HashingEmbedder())
    everything = list(range(len(p.sentences)))
    pool = fusion_module.large_pool(p, everything, 20)
    assert len(pool) == 20 and pool == sorted(pool)
    assert all(p.sentences[i].article_id != "copy" for i in pool)
