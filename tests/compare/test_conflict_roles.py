"""Names swapped in one role and flipped polarity (compare/conflicts/roles.py): the candidates
the rule layer proposes, and the shipped decisions on them (MiniLM and the conflict model)."""

import datetime as dt

import pytest

from newsfuse.compare.brief.build import claims_and_conflicts
from newsfuse.compare.conflicts.finding import Finding
from newsfuse.compare.conflicts.roles import role_conflicts
from newsfuse.embed import default_embedder
from newsfuse.models import Article, Conflict, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

pytestmark = pytest.mark.slow

PUB = dt.datetime(2021, 3, 3)
OTHER_A = "Rescue teams worked through the night with dogs and thermal cameras."
OTHER_B = "The regional governor visited the site on foot and spoke to survivors."


def _story(a: str, b: str) -> Story:
    return Story(
        "s",
        (
            Article(id="a0", text=f"{a} {OTHER_A}", source="Wire", published=PUB),
            Article(id="a1", text=f"{b} {OTHER_B}", source="Daily", published=PUB),
        ),
    )


def found(a: str, b: str) -> list[Conflict]:
    _, conflicts = claims_and_conflicts(prepare(_story(a, b), default_embedder()), DEFAULT)
    return conflicts


def proposed(a: str, b: str) -> list[Finding]:
    return role_conflicts(prepare(_story(a, b), default_embedder()))


SWAP = (
    "Health Minister Margaret Wilson announced the new vaccination plan in Madrid on Monday.",
    "Health Minister Helen Clark announced the new vaccination plan in Madrid on Monday.",
)


def test_a_name_swapped_in_the_same_role_is_a_conflict() -> None:
    (c,) = [c for c in found(*SWAP) if c.kind == "entity"]
    assert {c.value_a, c.value_b} == {"Margaret Wilson", "Helen Clark"}


def test_two_people_in_different_roles_are_not_a_conflict() -> None:
    assert not found(
        "Mayor Tom Reed opened the new public library on Monday morning.",
        "The new public library, designed by the architect Sara Bell, opened on Monday.",
    )


def test_the_same_person_named_twice_ways_is_not_a_conflict() -> None:
    assert not found(
        "Health Minister Margaret Wilson announced the new vaccination plan in Madrid on Monday.",
        "Wilson, the health minister, announced the new vaccination plan on Monday.",
    )


def test_confirmed_and_denied_is_a_conflict() -> None:
    conflicts = found(
        "The ministry confirmed on Friday that the northern border crossing had been closed.",
        "The ministry denied on Friday that the northern border crossing had been closed.",
    )
    assert [(c.kind, c.value_a, c.value_b) for c in conflicts] == [
        ("polarity", "confirmed", "denied")
    ]


def test_a_person_under_one_title_is_proposed_from_a_paraphrase() -> None:
    cands = proposed(
        "European Union foreign policy chief Margaret Wilson met the deposed president on Monday.",
        "Speaking in Cairo, European Union foreign policy chief Helen Clark said the deposed "
        "president was well and had access to newspapers.",
    )
    (f,) = [f for f in cands if f.conflict.kind == "entity"]
    assert f.evidence["title_words"] >= 3  # european, union, foreign, policy, chief


def test_a_negation_under_a_modal_or_with_other_subjects_is_proposed() -> None:
    (modal,) = proposed(
        "Analysts said Congress would not vote on the budget before the runoff in October.",
        "Analysts said Congress will vote on the budget before the runoff in October.",
    )
    assert modal.conflict.kind == "polarity" and modal.evidence["unasserted"] == 1.0
    passive = [
        f
        for f in proposed(
            "Chile was hit by a strong earthquake on Thursday, officials said.",
            "A strong earthquake did not hit Chile on Thursday, officials said.",
        )
        if f.conflict.kind == "polarity"
    ]
    assert passive and passive[0].evidence["shared_args"] >= 1
    assert not passive[0].rule  # no shared subject: the model decides
