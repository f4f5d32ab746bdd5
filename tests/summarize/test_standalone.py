"""The stand-alone filter on summary candidates."""

from __future__ import annotations

import pytest

from newsfuse.settings import DEFAULT
from newsfuse.summarize.standalone import inside_quotation, stands_alone


@pytest.mark.parametrize(
    "text",
    [
        "The city council approved the new budget on Tuesday evening.",
        "“We will rebuild the bridge this year,” the mayor said on Tuesday.",
        "According to the mayor, “the bridge will reopen in May” after repairs.",
        "The storm, which hit the coast overnight, left 4,000 homes without power.",
    ],
)
def test_complete_attributed_sentences_stand_alone(text: str) -> None:
    assert stands_alone(text, DEFAULT)


@pytest.mark.parametrize(
    "text",
    [
        "House Majority Whip Kevin Lee (R-Calif.",  # a fragment cut at an abbreviation
        "the rest of the plan was approved by the council on Tuesday.",
        "Which of the two plans will the council approve next week?",
        "“We will rebuild the bridge this year, whatever it costs us.”",  # no speaker
        "He said the bridge would reopen in May after the repairs.",  # who is he?
        "This was the third storm to hit the coast in a single month.",
        "The council met for three hours and then voted on the plan",  # no final stop
    ],
)
def test_fragments_unattributed_quotes_and_pronoun_openings_do_not(text: str) -> None:
    assert not stands_alone(text, DEFAULT)


def test_a_demonstrative_before_a_noun_is_not_a_pronoun_opening() -> None:
    assert stands_alone("This year the council approved the budget in one vote.", DEFAULT)


@pytest.mark.parametrize(
    ("before", "inside"),
    [
        ("“I feel badly for him,” the mayor said. “He led a strong life. ", True),
        ("The mayor spoke. “I feel badly for him. ", True),
        ("“I feel badly for him,” the mayor said. ", False),
        ('He said "we will see" and left. ', False),
        ('"We will rebuild. ', True),
        ("“We will rebuild the bridge. “Then the road. ", True),  # a new paragraph mark: open
        ("", False),
    ],
)
def test_a_sentence_inside_a_quotation_is_known_by_the_marks_before_it(
    before: str, inside: bool
) -> None:
    assert inside_quotation(before) is inside
