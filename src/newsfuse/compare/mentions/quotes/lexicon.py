"""Words the quote rules share: which verbs attribute a quote (attribute) and make a speaker
salient for "he"/"she" (resolve)."""

from __future__ import annotations

SPEECH_LEMMAS = frozenset(
    """say tell add declare continue report state write explain note warn insist argue ask reply
    respond announce claim acknowledge admit caution conclude concede confirm deny emphasize
    stress urge call predict recall remark suggest tweet testify vow pledge promise complain
    observe maintain comment charge allege summarize quip joke boast exclaim shout yell retort
    counter contend assert lament plead demand recount scoff refer describe dub label""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Lemmas of verbs that attribute a quote to their subject."""
