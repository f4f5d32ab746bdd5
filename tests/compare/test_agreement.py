import datetime as dt

import pytest

from newsfuse.compare.values.agreement import states_otherwise, values_disagree
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT
from newsfuse.summarize.base import cite

PUB = dt.datetime(2018, 12, 20)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The bill provides $716 billion for defense.", "The bill gives $800 billion for defense."),
        ("Troops will leave on January 1, officials said.", "Troops leave at the end of February."),
        ("The storm killed 21 people in the north.", "The storm killed 24 people in the north."),
    ],
)
def test_another_value_for_the_same_thing_disagrees(a: str, b: str) -> None:
    assert values_disagree(a, b, PUB, PUB)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("About 50,000 people fled the city.", "Tens of thousands of people fled the city."),
        ("At least 40 people died in the crash.", "The crash killed 43 people."),
        ("The talks end Feb. 25 in Geneva.", "The talks end on February 25 in Geneva."),
        ("The storm killed 21 people.", "The storm hit the coast on Tuesday."),
        ("Sales rose 12.6 percent.", "Sales rose 13 percent."),
    ],
)
def test_compatible_or_unrelated_values_agree(a: str, b: str) -> None:
    assert not values_disagree(a, b, PUB, PUB)


def test_a_citation_never_points_at_a_sentence_with_another_value(fake_embedder) -> None:
    text_a = "The defense bill approved on Friday provides $716 billion for the military."
    text_b = "The defense bill approved on Friday provides $800 billion for the military."
    story = Story(
        "s",
        (
            Article(id="a0", text=text_a, source="A", published=PUB),
            Article(id="a1", text=text_b, source="B", published=PUB),
            Article(id="a2", text=text_a.replace("approved", "passed"), source="C", published=PUB),
        ),
    )
    p = prepare(story, fake_embedder)
    cited = {c.article_id for c in cite(p, 0, DEFAULT.with_(citation_screen=0))}
    assert "a1" not in cited
    assert "a2" in cited


@pytest.mark.parametrize(
    ("a", "b", "otherwise"),
    [
        (
            "The firm confirmed it will close the plant.",
            "The firm denied it will close the plant.",
            True,
        ),
        (
            "The prize went to Maria Lopez at the gala.",
            "The prize went to Helen Brandt at the gala.",
            True,
        ),
        (
            "The prize went to Maria Lopez at the gala.",
            "Maria Lopez won the prize at the gala.",
            False,
        ),
        ("Talks resume on Feb. 25 in Geneva.", "Talks resume on February 25 in Geneva.", False),
    ],
)
def test_a_near_restatement_with_another_name_or_polarity_states_otherwise(
    a: str, b: str, otherwise: bool
) -> None:
    assert states_otherwise(a, b, PUB, PUB) is otherwise
