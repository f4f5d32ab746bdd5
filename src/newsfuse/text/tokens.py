"""Word tokens, stopwords and stems shared by the lexical parts (TF-IDF, sumy, overlap scores)."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsfuse._imports import import_without


def _english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words, read from its own data module without importing
    scikit-learn (whose import pulls in scipy.stats, about a second of start-up)."""
    spec = importlib.util.find_spec("sklearn")
    origin = spec.origin if spec is not None else None
    path = Path(origin).parent / "feature_extraction" / "_stop_words.py" if origin else None
    if path is not None and path.is_file():
        loader_spec = importlib.util.spec_from_file_location("_newsfuse_stop_words", path)
        if loader_spec is not None and loader_spec.loader is not None:
            module = importlib.util.module_from_spec(loader_spec)
            loader_spec.loader.exec_module(module)
            return frozenset(module.ENGLISH_STOP_WORDS)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # pragma: no cover

    return frozenset(ENGLISH_STOP_WORDS)  # pragma: no cover


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?(?:[.,][0-9]+)*")

# Reporting verbs and clitics carry no content in news text.
STOPWORDS: frozenset[str] = _english_stop_words() | {
    "said",
    "says",
    "say",
    "s",
    "t",
    "mr",
    "ms",
    "mrs",
}


def words(text: str) -> list[str]:
    """Lowercased word tokens (numbers kept whole: "50,000", "3.5")."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stem(word))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # Imported on first use (commands that never compare text, ``newsfuse stories`` or
    # ``--help``, do not pay for nltk), and without the scipy.stats nltk would load for a test
    # newsfuse never runs (over a second; see newsfuse._imports).
    import_without("nltk", "scipy.stats")
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def content_stems(text: str) -> list[str]:
    """Stems of the non-stopword tokens, in order."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


_FOLD = re.compile(r"\w+")


def folded_words(text: str) -> list[str]:
    """Word tokens case-folded after NFKC normalization: what stays equal across copies that
    differ in spacing, punctuation, case or Unicode forms."""
    return _FOLD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, n: int = 3) -> set[str]:
    """The text's word ``n``-grams (of ``folded_words``)."""
    w = folded_words(text)
    return {" ".join(w[i : i + n]) for i in range(max(0, len(w) - n + 1))}


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens (as ROUGE truncation does)."""
    return len(text.split())
