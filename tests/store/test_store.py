"""The store: adding, deduplicating, reading back, caching, and transactions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from newsfuse.embed import HashingEmbedder
from newsfuse.errors import InputError, NotFoundError, StoreError
from newsfuse.models import Article, Brief, Story, Summary
from newsfuse.store import check_store, open_store
from newsfuse.store import store as store_module
from stories.corpus import articles, partition


def _gold(arts: list[Article]) -> set[frozenset[str]]:
    return partition({a.id: a.id.split("-")[0] for a in arts})


def test_articles_round_trip_and_events_become_stories() -> None:
    arts = articles(5, 3)
    with open_store(embedder=HashingEmbedder()) as store:
        results = [store.add_article(a) for a in arts]
        assert [r.status for r in results] == ["added"] * len(arts)
        assert sum(r.new_story for r in results) == 5
        assert partition(store.assignments()) == _gold(arts)
        story = store.get_story(results[0].story_id)
        assert arts[0] in story.articles  # every field comes back as given
        assert story.title == arts[0].title
        assert [a.published for a in story.articles] == sorted(a.published for a in story.articles)
        assert store.sentences(arts[0].id)[0].text == arts[0].text[: arts[0].text.index(".") + 1]
        assert check_store(store.conn) == []
        assert store.counts() == {"articles": 15, "stories": 5, "open_stories": 5}


def test_duplicates_by_text_url_and_near_text_are_not_stored_again() -> None:
    first = articles(1, 1)[0]
    with open_store(embedder=HashingEmbedder()) as store:
        added = store.add_article(first)
        same_text = dataclasses.replace(first, id="other", url="", text=first.text.upper())
        same_url = dataclasses.replace(
            first,
            id="x",
            text="Completely different words here.",
            url=first.url + "?utm_source=feed",
        )
        words = first.text.split()
        near = dataclasses.replace(
            first, id="near", url="", text=" ".join(["Updated:", *words[1:-3], "Share", "this."])
        )
        got = [store.add_article(a) for a in (first, same_text, same_url, near)]
        assert [(g.status, g.duplicate_reason) for g in got] == [
            ("duplicate", "url"),
            ("duplicate", "text"),
            ("duplicate", "url"),
            ("duplicate", "near-text"),
        ]
        assert {g.article_id for g in got} == {first.id}
        assert {g.story_id for g in got} == {added.story_id}
        assert store.counts()["articles"] == 1


def test_a_taken_id_gets_a_suffix() -> None:
    a, b = articles(2, 1)
    with open_store(embedder=HashingEmbedder()) as store:
        store.add_article(a)
        result = store.add_article(dataclasses.replace(b, id=a.id))
        assert result.status == "added" and result.article_id == f"{a.id}~2"
        assert store.get_article(f"{a.id}~2").text == b.text


def test_empty_article_is_refused() -> None:
    with open_store(embedder=HashingEmbedder()) as store, pytest.raises(InputError):
        store.add_article(Article("x", "   "))


def test_nothing_is_embedded_twice(recording_embedder) -> None:  # type: ignore[no-untyped-def]
    arts = articles(3, 2)
    emb = recording_embedder
    with open_store(embedder=emb) as store:
        store.prefetch(arts)
        batched = len(emb.seen)
        for a in arts:
            store.add_article(a)
        assert len(emb.seen) == batched  # everything came from the prefetched batch
        assert len(emb.seen) == len(set(emb.seen))
        for a in arts:  # duplicates: no work at all
            store.add_article(a)
        store.prefetch(arts)
        assert len(emb.seen) == batched
        # Sentences of stored articles are cached for briefs too.
        lead = [s.text for s in store.sentences(arts[0].id)[:2]]
        cached = store.caching().embed(lead)
        assert len(emb.seen) == batched
        assert cached.shape == (2, emb.dim)
        store.caching().embed(["A sentence nobody embedded before."])
        store.caching().embed(["A sentence nobody embedded before."])
        assert emb.seen.count("A sentence nobody embedded before.") == 1


def test_unknown_story_says_how_to_list_them() -> None:
    with open_store(embedder=HashingEmbedder()) as store:
        for sid in ("s99", "banana"):
            with pytest.raises(NotFoundError, match=f"no story '{sid}'.*list the stored stories"):
                store.get_story(sid)


def test_list_stories_newest_first_with_sources_and_since() -> None:
    arts = articles(3, 2)
    undated = Article(
        "u1",
        "A short undated note about a village fete and its cakes.",
        url="https://www.example.org/fete",
    )
    with open_store(embedder=HashingEmbedder()) as store:
        for a in [*arts, undated]:
            store.add_article(a)
        infos = store.list_stories()
        assert [i.size for i in infos] == [1, 2, 2, 2]  # undated: stored just now
        assert infos[0].sources == ("example.org",) and infos[0].first_published is None
        assert infos[0].title == undated.text  # no title: its first line
        dated = infos[1:]
        assert [i.last_published for i in dated] == sorted(
            (i.last_published for i in dated), reverse=True
        )
        assert all(len(i.sources) == 2 for i in dated)
        cut = dated[1].first_published
        assert cut is not None
        recent = store.list_stories(since=cut)
        assert {i.id for i in recent} == {infos[0].id, dated[0].id, dated[1].id}
        assert len(store.list_stories(limit=2)) == 2
        assert infos[1].to_dict()["first_published"].startswith("20")


def _brief(story: Story) -> Brief:
    return Brief(story=story, summary=Summary(story.id, "lead", 10, ()))


def test_brief_cache_forgets_a_brief_when_its_story_grows() -> None:
    arts = articles(1, 3)
    with open_store(embedder=HashingEmbedder()) as store:
        sid = store.add_article(arts[0]).story_id
        store.add_article(arts[1])
        assert store.get_brief(sid) is None
        brief = _brief(store.get_story(sid))
        store.put_brief(sid, brief)
        store.put_brief(sid, dataclasses.replace(brief, quotes=()), variant="lead:50")
        assert store.get_brief(sid) == brief
        assert store.get_brief(sid, "lead:50") is not None
        assert store.get_brief(sid, "other") is None
        assert store.add_article(arts[2]).story_id == sid
        assert store.get_brief(sid) is None


def test_a_brief_cached_by_another_newsfuse_is_made_again() -> None:
    arts = articles(1, 2)
    with open_store(embedder=HashingEmbedder()) as store:
        sid = store.add_article(arts[0]).story_id
        store.add_article(arts[1])
        brief = _brief(store.get_story(sid))
        store.put_brief(sid, brief)
        assert store.get_brief(sid) == brief
        # as an older release stored it: the same articles, no format in the key
        store.conn.execute(
            "UPDATE briefs SET articles_key = substr(articles_key, instr(articles_key, ':') + 1)"
        )
        assert store.get_brief(sid) is None, (
            "an old brief (no coverage grid, older analyses) is not served"
        )
        store.put_brief(sid, brief)
        assert store.get_brief(sid) == brief


def test_a_failed_transaction_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    arts = articles(2, 2)
    with open_store(embedder=HashingEmbedder()) as store:
        store.add_article(arts[0])

        def boom(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk on fire")

        real = store_module.save_assignment
        monkeypatch.setattr(store_module, "save_assignment", boom)
        with pytest.raises(RuntimeError):
            store.add_article(arts[1])
        assert store.counts()["articles"] == 1
        assert check_store(store.conn) == []
        monkeypatch.setattr(store_module, "save_assignment", real)
        for a in arts[1:]:
            store.add_article(a)
        assert check_store(store.conn) == []
        assert partition(store.assignments()) == _gold(arts)


def test_a_store_refuses_another_embedder(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path, embedder=HashingEmbedder()) as store:
        store.add_article(articles(1, 1)[0])
    with (
        open_store(path, embedder=HashingEmbedder(dim=128)) as store,
        pytest.raises(StoreError, match=r"hashing embedder \(256 dimensions.*NEWSFUSE_EMBEDDER"),
    ):
        store.add_article(articles(2, 1)[1])


def test_resuming_in_a_new_session_gives_the_same_stories(tmp_path: Path) -> None:
    arts = articles(12, 3, seed=4)
    with open_store(embedder=HashingEmbedder()) as store:
        for a in arts:
            store.add_article(a)
        whole = store.assignments()
    path = tmp_path / "r.db"
    for part in (arts[:10], arts[:25], arts):  # overlapping reruns, as after a crash
        with open_store(path, embedder=HashingEmbedder()) as store:
            for a in part:
                store.add_article(a)
    with open_store(path, embedder=HashingEmbedder()) as store:
        assert store.assignments() == whole
        assert check_store(store.conn) == []


def test_two_writers_on_one_file_stay_consistent(tmp_path: Path) -> None:
    arts = articles(6, 3, seed=2)
    with open_store(embedder=HashingEmbedder()) as store:
        for a in arts:
            store.add_article(a)
        whole = store.assignments()
    path = tmp_path / "w.db"
    one = open_store(path, embedder=HashingEmbedder())
    two = open_store(path, embedder=HashingEmbedder())
    try:
        for i, a in enumerate(arts):
            (one if i % 2 else two).add_article(a)
        assert one.assignments() == whole
        assert check_store(one.conn) == []
    finally:
        one.close()
        two.close()


def test_story_times_are_utc_whatever_the_input_zone() -> None:
    a = articles(1, 1)[0]
    a = dataclasses.replace(
        a, published=dt.datetime(2024, 5, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    )
    with open_store(embedder=HashingEmbedder()) as store:
        store.add_article(a)
        info = store.list_stories()[0]
        assert info.first_published == dt.datetime(2024, 5, 2, 4, 30, tzinfo=dt.UTC)
        assert store.get_story(info.id).articles[0].published == a.published
