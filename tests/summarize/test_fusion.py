"""The default objective: concepts several articles share outweigh one article's."""

from __future__ import annotations

from newsfuse.embed import HashingEmbedder
from newsfuse.pipeline import prepare
from newsfuse.summarize.fusion import FusionObjective, concepts

from .storybuilder import build_story


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
