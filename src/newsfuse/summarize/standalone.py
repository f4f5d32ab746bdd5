"""Can a sentence be read alone in a summary? The filter every summarizer's candidates pass.

A summary sentence is read without its neighbours, so it must be a complete statement of
sensible length that names what it is about. Left out:

- fragments: too short or long, ending without final punctuation or inside parentheses,
  starting lowercase, questions, headings and captions ending in a colon, banners in capitals;
- a sentence that opens with a quote whose speaker it does not give (``“We will win this.”``
  alone; a speech verb or "according to" outside the quotation marks keeps it, as does a
  short clause after a quotation closed by a comma: ``“We will win,” Smith averred.``; a
  title of up to three words opening a longer sentence is no quote). A partial
  quote inside a sentence ("Moscow submitted a “concrete plan”") reads fine and stays: leaving
  those out too cost 0.5 ROUGE-1 on Multi-News (benchmarks/summarization.py);
- a sentence opening on a personal or demonstrative pronoun ("He said ...", "This is ..."),
  whose antecedent is in a sentence the summary may not carry;
- a sentence that starts inside a quotation opened by an earlier sentence of its paragraph
  (``inside_quotation``): it reads as the reporter's statement but is someone's words.

The last three lean on the sentence before them: ``base.followers`` lets such a sentence into a
summary right after that sentence (a quotation's opening when that sentence names its speaker;
the rest of a quotation after the sentence before it), and the reading order keeps them
together, so a quotation is read from its opening. On the development sets this gave back what
leaving them out cost (benchmarks/summarization.py: Multi-News ROUGE-1 45.83 -> 46.05).
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
_ATTRIBUTION_TAIL = re.compile(r"[,!?…]\s*[\"”]\s*(?:[\w.'’-]+\s+){0,5}[\w.'’-]+\s*[.!]$")
"""A quotation closed by a comma, then a short clause to the end: ``"...," Smith recalled.``
(any verb: "averred", "laughed", "THR reported")."""


def stands_alone(text: str, settings: Settings) -> bool:
    """Is ``text`` a sentence a summary may carry on its own?"""
    return complete(text, settings) and not leans_back(text)


def complete(text: str, settings: Settings) -> bool:
    """Is ``text`` a whole sentence of sensible length (not a fragment, heading or question)?"""
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
    return sum(map(str.isupper, text)) <= 0.5 * sum(map(str.isalpha, text))


def leans_back(text: str) -> str:
    """What the (complete) sentence ``text`` needs from the one before it: ``"antecedent"`` for a
    pronoun opening, ``"speaker"`` for a quotation whose speaker it does not name, or ``""``."""
    text = text.strip()
    if _PRONOUN_OPENING.match(text):
        return "antecedent"
    if not _QUOTE_OPENING.match(text) or _ATTRIBUTION_TAIL.search(text):
        return ""
    opening = _QUOTED.match(text)
    if opening and word_count(opening.group()) <= 3 and word_count(text[opening.end() :]) >= 3:
        return ""  # a title or a word in quotation marks opens the sentence, not a quote
    return "" if names_speaker(text) else "speaker"


def inside_quotation(paragraph_before: str) -> bool:
    """Does a sentence preceded in its paragraph by ``paragraph_before`` start inside a
    quotation (``“I feel badly for him. He led a strong life.”``: the second sentence is the
    speaker's words, though it shows no quotation mark of its own)? Read from the last curly
    mark (an opening one left open; a new opening after an unclosed one starts over), else from
    the parity of straight ones."""
    last = max(paragraph_before.rfind("“"), paragraph_before.rfind("”"))
    if last >= 0:
        return paragraph_before[last] == "“"
    return paragraph_before.count('"') % 2 == 1


def names_speaker(text: str) -> bool:
    """Does ``text`` attribute words to someone (a speech verb outside its quotations)?"""
    return bool(_SPEECH.search(_QUOTED.sub(" ", text)))
