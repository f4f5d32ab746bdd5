"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from newsfuse.embed import HashingEmbedder, Vectors, minilm


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch) -> Iterator[HashingEmbedder]:
    """Make the process-wide default embedder the deterministic fake (for CLI tests)."""
    fake = HashingEmbedder()
    monkeypatch.setattr(minilm, "_DEFAULT", fake)
    yield fake


class RecordingEmbedder(HashingEmbedder):
    """The hashing fake, recording every text it is asked to embed."""

    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.seen.extend(texts)
        return super().embed(texts)


@pytest.fixture
def recording_embedder() -> RecordingEmbedder:
    """A fresh embedder that records what it embeds (to test what is embedded, and when)."""
    return RecordingEmbedder()
