import datetime as dt

from newsfuse.compare import find_claims
from newsfuse.compare.claims.link import pair_scores
from newsfuse.compare.features import sentence_features
from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.pipeline import prepare
from newsfuse.settings import DEFAULT


def story(*texts: str) -> Story:
    return Story(
        "s",
        tuple(
            Article(id=f"a{i}", text=t, source=f"Outlet{i}", published=dt.datetime(2020, 5, 4))
            for i, t in enumerate(texts)
        ),
    )


FIRE = "A fire destroyed the old timber warehouse on Harbor Street early on Monday morning."
FIRE2 = "A fire destroyed the old timber warehouse on Harbor Street early Monday morning."
MAYOR = "Mayor Jane Ortiz promised that the city would rebuild the warehouse district quickly."
ONLY_A = "Investigators found that the sprinkler system had been switched off for repairs."


def claims_of(*texts: str):
    s = story(*texts)
    return s, find_claims(prepare(s, HashingEmbedder()), DEFAULT)


def test_same_fact_in_two_articles_is_one_claim_reported_by_all() -> None:
    _, claims = claims_of(f"{FIRE}\n{ONLY_A}", f"{FIRE2}\n{MAYOR}")
    multi = [c for c in claims if len(c.sentences) > 1]
    assert len(multi) == 1
    assert multi[0].coverage == "all"
    assert multi[0].sources == ("a0", "a1")
    assert {s.text for s in multi[0].sentences} == {FIRE, FIRE2}


def test_single_source_facts_are_kept_and_labelled_one() -> None:
    _, claims = claims_of(f"{FIRE}\n{ONLY_A}", f"{FIRE2}\n{MAYOR}")
    singles = {c.sentences[0].text: c for c in claims if len(c.sentences) == 1}
    assert set(singles) == {ONLY_A, MAYOR}
    assert all(c.coverage == "one" for c in singles.values())
    assert singles[ONLY_A].sources == ("a0",)


def test_two_of_three_sources_is_several_and_comes_before_single_source() -> None:
    _, claims = claims_of(FIRE, FIRE2, MAYOR)
    assert [c.coverage for c in claims] == ["several", "one"]


def test_an_article_contributes_at_most_one_sentence_to_a_claim() -> None:
    # Article 0 repeats the fact (lead and body); the claim still pairs one sentence per outlet.
    _, claims = claims_of(f"{FIRE}\n{ONLY_A}\n{FIRE2}", FIRE2)
    for c in claims:
        ids = [s.article_id for s in c.sentences]
        assert len(ids) == len(set(ids))
    assert any(c.coverage == "all" for c in claims)


def test_short_fragments_are_not_claims() -> None:
    _, claims = claims_of(f"Story highlights\n{FIRE}", f"Story highlights\n{FIRE2}")
    assert all("highlights" not in s.text for c in claims for s in c.sentences)


def test_unrelated_articles_share_no_claim() -> None:
    _, claims = claims_of(FIRE, MAYOR)
    assert all(len(c.sentences) == 1 for c in claims)
    assert len(claims) == 2


def test_every_sentence_points_into_its_article() -> None:
    s, claims = claims_of(f"{FIRE}\n{ONLY_A}", f"{FIRE2}\n{MAYOR}")
    for c in claims:
        for sent in c.sentences:
            assert s.article(sent.article_id).text[sent.start : sent.end] == sent.text


QUOTE = (
    "“We will rebuild every warehouse by the summer,” Mayor Jane Ortiz said of the fire on Harbor "
    "Street early on Monday morning."
)
QUOTE_COPY = (
    "“We will rebuild every warehouse by the summer,” Mayor Jane Ortiz said on Monday of the "
    "fire on Harbor Street."
)
OTHER_QUOTE = (
    "“Nobody was hurt, thank God, and that is what matters,” Mayor Jane Ortiz said of the fire "
    "on Harbor Street early on Monday morning."
)
NARRATION = (
    "Mayor Jane Ortiz spoke of the fire on Harbor Street early on Monday morning, when the "
    "timber warehouses burned."
)


def test_a_quote_is_one_claim_only_with_the_same_words() -> None:
    _, claims = claims_of(QUOTE, QUOTE_COPY)
    assert any(len(c.sources) == 2 for c in claims)
    for other in (NARRATION, OTHER_QUOTE):
        s, claims = claims_of(QUOTE, other)
        p = prepare(s, HashingEmbedder())
        assert pair_scores(p, sentence_features(p))[0, 1] >= DEFAULT.claim_threshold  # alike
        assert all(len(c.sources) == 1 for c in claims), other


def test_sentences_giving_other_values_are_never_one_claim() -> None:
    _, claims = claims_of(
        "The fire destroyed 12 timber warehouses on Harbor Street early on Monday morning.",
        "The fire destroyed 30 timber warehouses on Harbor Street early on Monday morning.",
    )
    assert all(len(c.sources) == 1 for c in claims)
