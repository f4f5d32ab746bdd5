"""Story detection with the real embedding model (slow: loads all-MiniLM-L6-v2)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.embed import default_embedder
from newsfuse.models import Article
from newsfuse.store import check_store, open_store
from newsfuse.stories.batch import cluster_articles
from stories.corpus import partition

BRIDGE = [
    (
        "Bridge collapses over Elbe river in Dresden",
        "A section of the Carola bridge in Dresden collapsed into the Elbe early on Wednesday. "
        "No one was injured, the city's fire service said. Engineers had warned about corrosion "
        "in the steel tendons for years.",
    ),
    (
        "Dresden's Carola bridge partly falls into the Elbe",
        "Part of Dresden's Carola bridge fell into the river Elbe overnight. Firefighters said "
        "nobody was hurt. Tram traffic across the bridge has been suspended.",
    ),
    (
        "Engineers inspect collapsed Dresden bridge",
        "Engineers began inspecting the remains of the Carola bridge on Thursday, a day after a "
        "section collapsed into the Elbe. The mayor of Dresden said corrosion was the likely "
        "cause.",
    ),
]
RATES = [
    (
        "Central bank raises interest rates to fight inflation",
        "The central bank raised its benchmark interest rate by half a percentage point on "
        "Wednesday, its third increase this year, saying inflation remained far above target.",
    ),
    (
        "Rate rise: borrowing costs climb again",
        "Borrowing costs rose again after the central bank lifted interest rates by 0.5 points. "
        "Mortgage lenders are expected to pass the increase on to customers within days.",
    ),
    (
        "Markets shrug off interest rate increase",
        "Stock markets ended flat after the central bank's interest rate increase, which traders "
        "had expected. Bond yields edged higher as inflation data showed little sign of easing.",
    ),
]


def _articles() -> list[Article]:
    day = dt.datetime(2024, 9, 11, 8, tzinfo=dt.UTC)
    out = []
    for k, ((bt, btext), (rt, rtext)) in enumerate(zip(BRIDGE, RATES, strict=True)):
        when = day + dt.timedelta(hours=10 * k)
        out.append(Article(f"bridge{k}", btext, title=bt, source=f"o{k}", published=when))
        out.append(Article(f"rates{k}", rtext, title=rt, source=f"o{k}", published=when))
    return out


def _gold(arts: list[Article]) -> set[frozenset[str]]:
    return partition({a.id: a.id.rstrip("0123456789") for a in arts})


@pytest.mark.slow
def test_real_model_separates_two_same_day_events() -> None:
    arts = _articles()
    got = cluster_articles(arts, default_embedder())
    assert partition(got) == _gold(arts)


@pytest.mark.slow
def test_real_model_store_ingest() -> None:
    arts = _articles()
    with open_store(embedder=default_embedder()) as store:
        for a in arts:
            store.add_article(a)
        assert partition(store.assignments()) == _gold(arts)
        assert check_store(store.conn) == []
