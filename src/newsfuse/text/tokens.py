"""Word tokens, stopwords and stems shared by the lexical parts (TF-IDF, sumy, overlap scores)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nltk.stem.porter import PorterStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?(?:[.,][0-9]+)*")
_STEMMER = PorterStemmer()

# Reporting verbs and clitics carry no content in news text.
STOPWORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | {
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
    return str(_STEMMER.stem(word))


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
