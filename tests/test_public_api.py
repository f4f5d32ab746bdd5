"""The exported names are the intended ones (httpx's test_exported_members habit)."""

from __future__ import annotations

import newsfuse

EXPECTED = {
    "Article",
    "ArticleError",
    "Brief",
    "Citation",
    "CitedSentence",
    "Claim",
    "Conflict",
    "Entity",
    "InputError",
    "ModelError",
    "NewsfuseError",
    "Quote",
    "Sentence",
    "Settings",
    "Story",
    "Summary",
    "TimelineEvent",
    "__version__",
    "brief",
    "load",
    "make_story",
    "summarize",
}


def test_exported_members() -> None:
    assert set(newsfuse.__all__) == EXPECTED
    for name in newsfuse.__all__:
        assert getattr(newsfuse, name) is not None


def test_summarize_api_with_fake_embedder() -> None:
    from newsfuse.embed import HashingEmbedder

    arts = [newsfuse.Article("a", "The river flooded three villages overnight after heavy rain.")]
    s = newsfuse.summarize(arts, words=20, embedder=HashingEmbedder())
    assert s.words <= 20 and s.sentences[0].citations[0].article_id == "a"


def test_load_warns_about_skipped_articles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from newsfuse.errors import SkippedArticleWarning

    (tmp_path / "good.txt").write_text("The river flooded three villages overnight after rain.\n")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.warns(SkippedArticleWarning, match="bad.json"):
        articles = newsfuse.load([tmp_path])
    assert [a.id for a in articles] == ["good"]
