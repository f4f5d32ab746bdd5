"""Entities: name cleaning and resolution, variant merging, mentions per article."""

from __future__ import annotations

import pytest

from newsfuse.compare.mentions.entities import PersonNames, clean_name, find_entities, name_key
from newsfuse.models import Article, Entity, Story


def _story(*texts: str) -> Story:
    return Story("s", tuple(Article(id=f"a{i}", text=t) for i, t in enumerate(texts)))


def _named(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.label) for e in entities]
    return found[0]


# --- names (no model) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Foreign Minister Sergey Lavrov", "Sergey Lavrov"),
        ("Secretary John Kerry's", "John Kerry"),
        ("President Assad’s", "Assad"),
        ("“Michele Kelemen,", "Michele Kelemen"),
        ("Kerry", "Kerry"),
        ("President", "President"),  # a title alone is left alone
    ],
)
def test_clean_name_strips_titles_possessives_and_punctuation(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_name_key_ignores_case_dots_and_arabic_particles() -> None:
    assert name_key("Bashar al-Assad") == name_key("Bashar Assad") == "bashar assad"
    assert name_key("U.S.") == name_key("US") == "us"


def test_surname_resolves_to_the_nearest_full_name_before_it() -> None:
    names = PersonNames(full=[(0, "John Kerry"), (50, "Teresa Kerry")], story=["Bob Kerry"])
    assert names.resolve("Kerry", 10) == "John Kerry"
    assert names.resolve("Kerry", 90) == "Teresa Kerry"
    assert names.resolve("Mr. Kerry", 90) == "Teresa Kerry"


def test_first_name_after_and_story_fallbacks() -> None:
    names = PersonNames(full=[(100, "Michele Kelemen")], story=["Dmitry Medvedev"])
    assert names.resolve("Michele", 0) == "Michele Kelemen"  # only named later in the article
    assert names.resolve("Medvedev", 0) == "Dmitry Medvedev"  # named in another article
    assert names.resolve("Obama", 0) == "Obama"
    assert names.known("Medvedev") == "Dmitry Medvedev"
    assert names.known("Obama") == ""
    assert names.known("Michele Kelemen") == ""  # already a full name


# --- entities (spaCy) -------------------------------------------------------------------------


@pytest.mark.slow
def test_entities_merge_variants_and_count_mentions_per_article() -> None:
    story = _story(
        "Secretary of State John Kerry flew to Munich on Thursday. Kerry met officials from "
        "the United Nations there, and the U.N. promised help.",
        "In Munich, Kerry spoke with Russian Foreign Minister Sergey Lavrov about the UN plan. "
        "The U.S. and Russia disagree.",
    )
    entities = find_entities(story)
    kerry = _named(entities, "John Kerry")
    assert kerry.label == "PERSON"
    assert kerry.mentions == {"a0": 2, "a1": 1}
    un = _named(entities, "United Nations")
    assert un.label == "ORG"
    assert un.mentions == {"a0": 2, "a1": 1}
    munich = _named(entities, "Munich")
    assert munich.label == "PLACE"
    assert munich.mentions == {"a0": 1, "a1": 1}
    assert _named(entities, "Sergey Lavrov").mentions == {"a1": 1}
    names = {e.name for e in entities}
    assert "Kerry" not in names and "U.N." not in names and "UN" not in names
    assert "State" not in names  # "Secretary of State" is a title, not an organization
    assert "Russian" not in names  # NORP is left out
    # Reported by both articles first.
    assert {e.name for e in entities[:3]} == {"John Kerry", "United Nations", "Munich"}


@pytest.mark.slow
def test_numbers_and_single_characters_are_not_entities() -> None:
    entities = find_entities(_story("In 2016, 17 nations met in Munich; group B left early."))
    assert all(any(c.isalpha() for c in e.name) and len(e.name) > 1 for e in entities)
    assert _named(entities, "Munich").label == "PLACE"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Mitt Romney's Medicare", "Mitt Romney"),
        ("But House Speaker Nancy Pelosi", "Nancy Pelosi"),
        ("Pres Obama", "Obama"),
    ],
)
def test_clean_name_cuts_possessive_phrases_and_leading_conjunctions(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_department_of_x_is_the_x_department() -> None:
    assert name_key("Department of Defense") == name_key("Defense Department")
    assert name_key("Department of Defense") != name_key("Department of Homeland Security")


@pytest.mark.slow
def test_a_surname_tagged_as_a_place_is_the_person_and_datelines_are_not_places() -> None:
    entities = find_entities(
        _story(
            "WASHINGTON — Defense Secretary James Mattis resigned on Thursday. "
            "Mattis wrote a letter to the president. Mattis said he would leave in February. "
            "Mattis had disagreed with the White House over Syria.",
        )
    )
    mattis = _named(entities, "James Mattis")
    assert mattis.label == "PERSON" and mattis.mentions["a0"] >= 3  # one is not tagged at all
    assert not any(e.name.upper() == e.name and "WASHINGTON" in e.name for e in entities)
    assert all(e.name != "Mattis" for e in entities)
