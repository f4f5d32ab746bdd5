"""Can a sentence be read alone in a summary? The filter every summarizer's candidates pass.

A summary sentence is read without its neighbours, so it must be a complete statement of
sensible length that names what it is about. Left out:

- fragments: too short or long, ending without final punctuation or inside parentheses,
  starting lowercase, questions, headings and captions ending in a colon, banners in capitals;
- a sentence that opens with a quote whose speaker it does not give (``“We will win this.”``
  alone; a speech verb or "according to" outside the quotation marks keeps it). A partial
  quote inside a sentence ("Moscow submitted a “concrete plan”") reads fine and stays: leaving
  those out too cost 0.5 ROUGE-1 on Multi-News (benchmarks/summarization.py);
- a sentence opening on a personal or demonstrative pronoun ("He said ...", "This is ..."),
  whose antecedent is in a sentence the summary may not carry.
"""

from __future__ import annotations

import re

from newsfuse.settings import Settings
from newsfuse.text.tokens import word_count

_QUOTED = re.compile(r"[\"“][^\"“”]*(?:[\"”]|$)")
_QUOTE_OPENING = re.compile(r"^[\"“]")
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|added|adds|asked|asks|wrote|writes|declared|"
    r"according to|tweeted|stated|states|explained|argued|insisted|warned|noted|announced|"
    r"replied|responded|recalled|continued|called|urged|described|cited|quoted|put it|"
    r"acknowledged|admitted|claimed|predicted|vowed|promised|complained|remarked)\b",
    re.I,
)
_PRONOUN_OPENING = re.compile(
    r"^(?:He|She|They|His|Her|Their|Him|Them|It|Its)\b"
    r"|^(?:This|That|These|Those)\s+(?:is|was|are|were|has|have|had|will|would|could|may|"
    r"might|means|meant|comes|came)\b"
)
_FINAL = re.compile(r"[.!][\"'”’)\]]*$")


def stands_alone(text: str, settings: Settings) -> bool:
    """Is ``text`` a sentence a summary may carry on its own?"""
    n = word_count(text)
    text = text.strip()
    first = text[:1]
    if not settings.min_sentence_words <= n <= settings.max_sentence_words:
        return False
    if first.islower() or not (first.isalnum() or first in "\"“'‘("):
        return False
    if not _FINAL.search(text) or text.count("(") > text.count(")"):
        return False
    # Mostly capitals: a heading or a shouted banner, not a sentence.
    # (map over a str method: a generator expression here cost as much as the rest of filtering)
    if sum(map(str.isupper, text)) > 0.5 * sum(map(str.isalpha, text)):
        return False
    if _PRONOUN_OPENING.match(text):
        return False
    return not (_QUOTE_OPENING.match(text) and not _SPEECH.search(_QUOTED.sub(" ", text)))
