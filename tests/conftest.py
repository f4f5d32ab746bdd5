"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsfuse.embed import HashingEmbedder, minilm


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch) -> Iterator[HashingEmbedder]:
    """Make the process-wide default embedder the deterministic fake (for CLI tests)."""
    fake = HashingEmbedder()
    monkeypatch.setattr(minilm, "_DEFAULT", fake)
    yield fake
