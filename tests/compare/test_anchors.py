"""Date anchors: the verb a date is attached to, its named actor, and the occasion it names."""

from __future__ import annotations

import pytest

from newsfuse.compare.mentions.anchors import Anchor, anchor_of
from newsfuse.compare.mentions.entities import PersonNames
from newsfuse.text.nlp import load_nlp

pytestmark = pytest.mark.slow


def _anchor(text: str, date: str, story_names: tuple[str, ...] = ()) -> Anchor:
    doc = load_nlp()(text)
    start = text.index(date)
    return anchor_of(doc, start, start + len(date), PersonNames.from_doc(doc, story_names))


def test_the_dated_verb_and_its_named_subject() -> None:
    got = _anchor("Mayor Ann Lee on Tuesday vetoed the city budget.", "Tuesday")
    assert (got.verb, got.actor, got.occasion) == ("veto", frozenset({"ann lee"}), "")


def test_a_surname_is_the_full_name_the_story_gives() -> None:
    got = _anchor("Lee rejected the plan late Tuesday.", "Tuesday", ("Ann Lee",))
    assert got.actor == frozenset({"ann lee"})


def test_the_occasion_a_date_modifies() -> None:
    got = _anchor("Park spoke at Wednesday's hearing on the budget.", "Wednesday")
    assert got.occasion == "hearing"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said on Tuesday that the budget was late.",  # a common noun
        "Republicans said on Tuesday that the budget was late.",  # a group, many actors
        "He said on Tuesday that the budget was late.",  # a pronoun
    ],
)
def test_no_named_actor(text: str) -> None:
    assert _anchor(text, "Tuesday").actor == frozenset()


def test_a_campaign_acts_for_its_candidate_not_for_another() -> None:
    got = _anchor("The Lee campaign said Tuesday that it would appeal.", "Tuesday", ("Ann Lee",))
    assert got.actor == frozenset({"ann lee campaign"})
