"""Re-clustering a window of a store."""

from __future__ import annotations

import datetime as dt

from newsfuse.embed import HashingEmbedder
from newsfuse.store import check_store, open_store
from newsfuse.store.recluster import recluster
from stories.corpus import articles, partition


def test_recluster_everything_then_keep_ingesting() -> None:
    arts = articles(6, 4, seed=3)
    late = arts[-1]
    with open_store(embedder=HashingEmbedder()) as store:
        for a in arts[:-1]:
            store.add_article(a)
        before = store.assignments()
        report = recluster(store)
        after = store.assignments()
        assert report.articles == len(arts) - 1 and report.stories_before == 6
        assert partition(after) == partition(before)
        assert not set(after.values()) & set(before.values())  # fresh story numbers
        assert check_store(store.conn) == []
        # The reloaded detector keeps adding to the re-clustered, still open stories.
        result = store.add_article(late)
        assert not result.new_story
        sibling = next(a.id for a in arts[:-1] if a.id.split("-")[0] == late.id.split("-")[0])
        assert result.story_id == after[sibling]
        assert check_store(store.conn) == []


def test_recluster_a_window_leaves_other_stories_alone() -> None:
    arts = articles(6, 3, seed=4)
    with open_store(embedder=HashingEmbedder()) as store:
        for a in arts:
            store.add_article(a)
        before = store.assignments()
        report = recluster(store, dt.datetime(2024, 1, 7), dt.datetime(2024, 1, 12))
        after = store.assignments()
        moved = {a for a in after if after[a] != before[a]}
        assert report.articles == len(moved) == 6  # two events of three
        assert partition(after) == partition(before)
        empty = recluster(store, dt.datetime(1990, 1, 1), dt.datetime(1990, 1, 2))
        assert (empty.articles, empty.stories_after) == (0, 0)
        assert store.assignments() == after
