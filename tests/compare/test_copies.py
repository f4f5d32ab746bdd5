from newsfuse.compare.claims import find_claims
from newsfuse.compare.claims.copies import copy_of
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT

WIRE = (
    "The central bank raised its main interest rate by half a point on Thursday, the first "
    "increase in four years, citing stubborn inflation in food and energy prices. The governor "
    "told reporters that further increases were possible if prices kept climbing through the "
    "summer. Markets had expected a smaller move, and the currency rose against the dollar "
    "after the announcement."
)
OWN = (
    "Borrowing costs will go up for millions of households after the central bank lifted its "
    "main rate on Thursday by half a point. The governor said the bank stood ready to act again. "
    "Shop owners in the capital said food prices had risen every month this year."
)


def story(*texts: str) -> Story:
    return Story(
        "s", tuple(Article(id=f"a{i}", text=t, source=f"Site{i}") for i, t in enumerate(texts))
    )


def test_syndicated_copy_with_a_new_ending_is_a_copy_of_the_first() -> None:
    copy = WIRE + " Follow us on social media for more business news."
    assert copy_of(story(WIRE, OWN, copy)) == {"a2": "a0"}


def test_own_reports_of_one_event_are_not_copies() -> None:
    assert copy_of(story(WIRE, OWN)) == {}


def test_a_copy_does_not_corroborate_a_claim() -> None:
    s = story(WIRE, WIRE.replace("Thursday", "Thursday afternoon"), OWN)
    p = prepare(s, HashingEmbedder())
    claims = find_claims(p, DEFAULT)
    copied = [c for c in claims if "a1" in {x.article_id for x in c.sentences}]
    assert copied, "the copy's sentences join the original's claims"
    for c in copied:
        assert "a1" not in c.sources and "a1" in c.copies
        if set(c.sources) == {"a0"}:
            assert c.coverage == "one"
