"""Boilerplate removal: the page furniture that scraped and pasted news text carries along.

The rules come from counting lines and phrases that repeat across hundreds of unrelated
documents in real news dumps (Multi-News, DUC wire copy) and from the bundled Munich example:
video stamps, "Story highlights" blocks, dateline stubs, photo captions and credits, copyright
and "contributed to this report" footers, ad and newsletter widgets, cookie banners, share
prompts. Each rule matches the *form* of a piece of furniture, never the words of one story.

Cleaning is conservative on purpose. A whole line is dropped only when it is short enough to be
furniture and matches a rule; inside longer lines only clearly delimited fragments or sentences
go (so one-line dumps lose their inline boilerplate, not their news). Ordinary sentences that
merely mention "copyright", "caption" or "cookies" stay.

The output keeps one paragraph per line (sentence splitting treats a line break as a sentence
boundary), with whitespace collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text and the lines (or fragments) that were removed, in order."""

    text: str
    removed: tuple[str, ...]


# --- whitespace --------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_END_PUNCT = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")


def _lines(text: str) -> list[tuple[str, bool]]:
    """Non-empty lines, whitespace collapsed, each with whether a blank line (or the start)
    comes before it."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[tuple[str, bool]] = []
    gap = True
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            gap = True
            continue
        out.append((line, gap))
        gap = False
    return out


def _unwrap(lines: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Join hard-wrapped lines (plain text wrapped at 60-100 columns) back into paragraphs.

    Only when the text has blank-line paragraph breaks and shows the pattern at least twice (a
    line of wrapping width without final punctuation, continued by a lowercase line in the same
    paragraph), so that text with one paragraph per line is never merged.
    """

    def wrapped(prev: str) -> bool:
        return 40 <= len(prev) <= 100 and not _END_PUNCT.search(prev)

    pairs = sum(wrapped(a) and not gap and b[:1].islower() for (a, _), (b, gap) in pairwise(lines))
    # Wrapped text separates its paragraphs with blank lines; without any, every line is a
    # paragraph (as in our own output, which must clean to itself).
    if pairs < 2 or not any(gap for _, gap in lines[1:]):
        return lines
    out: list[tuple[str, bool]] = []
    prev = ""
    for line, gap in lines:
        if out and not gap and wrapped(prev):
            out[-1] = (f"{out[-1][0]} {line}", out[-1][1])
        else:
            out.append((line, gap))
        prev = line
    return out


# --- fragments removed wherever they occur ----------------------------------------------------

# (cheap substring that must be present, pattern): the check keeps long texts fast.
_FRAGMENTS = [
    # NPR's photo widget: the credit is printed twice ("Ethan Miller/AP Ethan Miller/AP").
    (
        "caption",
        re.compile(
            r"(?:Enlarge this image\s+)?(?:\bi\s+)?(?:hide caption\s+)?i?toggle caption\s+"
            r"(?P<c>\S(?:[^\n]{0,80}?\S)?)\s+(?P=c)(?=\s|$)"
        ),
    ),
    (
        "ontinue",
        re.compile(
            r"(?:Photo\s+)?(?:Advertisement\s+)?Continue reading (?:the main story|below)"
            r"|Story [Cc]ontinue[ds] [Bb]elow(?: [Aa]dvertisement)?"
        ),
    ),
    (
        "redistributed",
        re.compile(
            r"\(?This material may not be published, broadcast, rewritten,? or redistributed\.?\)?"
        ),
    ),
    # An embedded tweet's link and signature ("pic.twitter.com/Ab12 — Ann Lee (@annlee) May 4,
    # 2017"): the tweet's words stay.
    ("twitter.com", re.compile(r"\s*\bpic\.twitter\.com/\w+")),
    (
        "(@",
        re.compile(
            r"\s*[—–]\s*[^\n—–()]{1,60}\(@\w{1,15}\)\s+"
            r"(?:January|February|March|April|May|June|July|August|September|October|November|"
            r"December) \d{1,2}, \d{4}"
        ),
    ),
    # SGML entities of wire copy ("&QL;" quad-left, "&LR;" ...).
    ("&", re.compile(r"(?:&[A-Z]{2};\s*)+")),
]

# --- whole lines -------------------------------------------------------------------------------


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


# Labels of page widgets, compared with the line lowercased and trailing ":" / "…" removed.
_LABELS = _phrases(
    """advertisement | advertising | sponsored | sponsored content | ad | skip ad | photo | photos
    image | images | video | videos | audio | listen | gallery | slideshow | read more | more
    related | related articles | related stories | related coverage | recommended | also
    also read | see also | more news | up next | now playing | share | share this
    share this article | share this story | tweet | email | e-mail | print | comments | comment
    text size | close | menu | loading | like this | accept | accept all | reject all | i agree
    manage preferences | cookie settings | highlights | story highlights | buy photo
    play video | watch video | watch now | home | search | sign in | log in | subscribe"""
)
# A line made only of these words is a row of share buttons.
_SOCIAL = _phrases(
    """facebook | twitter | x | linkedin | whatsapp | pinterest | reddit | instagram | tumblr
    google | google+ | email | e-mail | print | share | tweet | digg | stumbleupon | flipboard
    messenger | telegram | sms | copy | link | pin | comments"""
)
_AGENCY = (
    r"(?:AP|AP Photo|The Associated Press|Associated Press|Reuters|AFP|EPA|UPI|Getty Images?|"
    r"Getty|Bloomberg|NPR|ZUMAPRESS\.com|Invision|Sipa|Shutterstock|Pool|[A-Z][\w&]* Images)"
)
_CREDIT_TAIL = re.compile(
    rf"\((?:{_AGENCY}|AP Photo/[^()]+|[^()]{{1,60}}/\s?{_AGENCY}[^()]{{0,30}}|"
    r"(?:Photo|Photos|Image|Picture|Photograph|Credit|Video)(?: by)?:?\s[^()]{1,80})\)$"
    r"|\b(?:Photograph|Credit): [A-Z][^.]{1,80}$"
)
_BARE_CREDIT = re.compile(rf"\s?\((?:{_AGENCY})\)$")
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|announced|reported)\b|[\"“”]")
# Wire photo captions: a weekday with a full date ("Tuesday, Oct. 30, 2012"), or a caption cut
# short with "..." right before the credit.
_CAPTION_SIGN = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:[A-Z][a-z]{2,8}\.?,? \d{1,2},? \d{4}"
    r"|\d{1,2} [A-Z][a-z]{2,8},? \d{4})|(?:\.\.\.|…)\s?\([^()]+\)$"
)
_CAPTION_START = re.compile(r"^\(?(?:Photo|Photos|PHOTO|Image|Picture|Credit)s?\s?:")
_CREDIT_LINE = re.compile(rf"(?:/\s?|\bvia\s){_AGENCY}$|^{_AGENCY}(?:\s?/\s?{_AGENCY})*$")

_LINE_PATTERNS = [
    # Separators and widgets with no words.
    re.compile(r"^[\W_]+$"),
    # Video players: "01:58 - Source: CNN", CNN's "JUST WATCHED ... Replay More Videos".
    re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*Source:\s*\S.*$"),
    re.compile(r"^JUST WATCHED\b|\bReplay More Videos\b|^MUST WATCH\b|^Video Loading\b"),
    re.compile(r"^Media playback is unsupported\b|^Play (?:Facebook|Twitter|Video)\b"),
    # Photo captions and credits.
    re.compile(r"(?i)\bi?(?:hide|toggle) caption\b"),
    re.compile(
        r"^(?:Enlarge this image|Enlarge image|Image copyright|Image caption|Media caption)\b"
    ),
    re.compile(r"^FILE\s?[-–—]+\s.*\bfile photo\b"),
    re.compile(r"^Facebook Twitter Pinterest\b"),
    re.compile(r"^Slideshow \(\d+ [Ii]mages?\)$"),
    # Wire-service markup.
    re.compile(r"^\(?STORY CAN END HERE\b|\bEND OF STORY\b|^\(?END (?:OPTIONAL|ADV)\b"),
    re.compile(r"(?i)^(?:for (?:use|release) by clients of\b|story filed by\b)"),
    # Web chrome that talks to the reader about the page, not the news.
    re.compile(
        r"^(?:Tweet with a location|Add a location to your Tweets|You can add location "
        r"information to your Tweets|When you tweet with a location)\b"
        r"|We've detected that JavaScript is disabled|^Please enable JavaScript\b"
        r"|^Your browser does not support\b|^This feature is not available right now\b"
        r"|^The interactive transcript could not be loaded\b"
        r"|^Rating is available when the video has been rented\b"
        r"|^Sorry, the page you requested (?:was|could) not\b"
    ),
    re.compile(r"^Interested in [^?]{1,80}\? Add .{1,80} as an interest\b"),
]
# Only for lines of at most 30 words: longer lines with these openings are prose.
_SHORT_LINE_PATTERNS = [
    # Links to other stories: "Read more: ...", "Related: ...", "SEE ALSO: ...".
    re.compile(
        r"(?i)^\[?(?:read more|read also|also read|more|related|see also|also|watch|"
        r"more news|more from [\w .]{1,30}|read or share this story)\s?:"
    ),
    re.compile(r"^Read [Mm]ore\b"),
    # Time stamps of the page, not of the events: "Updated at 10:30 p.m.".
    re.compile(
        r"^(?:Published|Posted|Updated|Last [Uu]pdated|Last [Mm]odified)(?: on| at| by)?:?"
        r"\s(?:[\w.]+,?\s){0,3}\d"
    ),
    # Share widgets.
    re.compile(
        r"^(?:Share (?:this|on|via)\b|Click to (?:share|email|print)\b|Like this:|"
        r"Bookmark with:|E-?mail this (?:to a friend|article)\b)"
    ),
    re.compile(r"^Follow\b.{0,80}\b(?:on|via) (?:Twitter|Facebook|Instagram)\b|^Follow us\b"),
    re.compile(r"^\S+@\S+\.\w+(?:\s+or\s+[\d-]+)?$"),
]
_DATELINE_STUB = re.compile(
    r"^(?:[A-Z][\w.'’-]*,?\s){0,4}\(?(?:[A-Z][\w.'’-]*|[A-Z]{2,})\)?\s?(?:—|–|--|_|\|)$"
)

# --- sentences removed from inside lines ------------------------------------------------------

_PROMO_STRONG = re.compile(  # matched against the lowercased sentence
    r"thanks? (?:you )?for subscribing|invalid email|could not subscribe|"
    r"(?:to|in) your inbox|sign up (?:here|now|for our|today)|subscribe (?:now|here|to our)|"
    r"newsletter sign up|breaking news (?:emails|alerts)|get email alerts|"
    r"you are now subscribed|verify you're not a robot|by clicking \"?subscribe"
)
_PROMO_START = re.compile(r"^(?:Sign [Uu]p|Subscribe|SUBSCRIBE|SIGN UP)\b")
_COOKIE = re.compile(r"(?i)\bcookies?\b")
_COOKIE_BANNER = re.compile(
    r"(?i)\bwe use\b|\bwe and our partners\b|\byou (?:agree|consent|accept)\b|"
    r"\byour (?:browser|device|experience|consent|preferences|choices)\b|"
    r"\b(?:this|our) (?:site|website)\b|\bour (?:partners|cookie policy|use of cookies)\b|"
    r"\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|preferences)\b"
)
_SENTENCE_PATTERNS = [
    re.compile(
        r"\bcontributed (?:additional )?(?:reporting )?(?:to|for) (?:this|the) "
        r"(?:report|story|article)\b"
    ),
    re.compile(
        r"^\(?(?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by\b[^.]*;"
        r"|^\((?:Additional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [^()]+\)$"
        r"|^Additional reporting by\b"
    ),
    re.compile(r"\bcan be (?:reached|contacted) at (?:\S+(?:@|\(at\))\S+|https?://)"),
    re.compile(r"^(?:Follow|FOLLOW)\b.*\bon (?:Twitter|Facebook|Instagram)\b|^Follow us\b"),
    re.compile(r"^Read or Share this story\b|^Click here\b|^On a mobile device\?"),
    re.compile(r"^(?:To see more, )?[Vv]isit (?:https?://)?[\w.-]+\.[a-z]{2,}\S*\.?$"),
    re.compile(r"^View (?:this|the) (?:article|story) (?:on|at)\b"),
    re.compile(r"^All [Rr]ights [Rr]eserved\b|^ALL RIGHTS RESERVED\b"),
    # The print edition's note: "A version of this article appears in print on ..., on page A16
    # of the New York edition with the headline: ...".
    re.compile(
        r"^A version of this (?:article|review|story|column|essay|interview|obituary) "
        r"appear(?:s|ed) in print\b"
    ),
]
_COPYRIGHT = re.compile(
    r"^\(?(?:©|\(c\)|Copyright\s?(?:©|\(c\)|\d{4}|by\b))|^Copyright(?:\s[A-Z0-9][^\s.]*){1,4}\.$"
)
_RIGHTS = re.compile(r"All rights reserved|All Rights Reserved|ALL RIGHTS RESERVED")
# Every sentence rule needs one of these words; most news sentences have none.
_SENTENCE_CUES = re.compile(  # matched against the lowercased sentence
    r"contributed|reporting|writing|editing|reached|contacted|follow|read or share|click|"
    r"mobile device|visit|view|rights|copyright|©|\(c\)|sign|subscri|inbox|newsletter|cookie|"
    r"email|alerts|robot|in print"
)
_QUOTES = re.compile(r"[\"“”]")

# A rough sentence split for deciding what to drop (final splitting is text/sentences.py):
# break after . ! ? when a capital follows, but not after initials and common abbreviations.
_SENT_BREAK = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gen|Gov|Lt|Col|Sgt|Capt|Prof|Rev|No|"
    r"Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|Inc|Co|Corp|Ltd|vs?))\.[\"”’)]*$"
)


def _rough_sentences(line: str) -> list[str]:
    parts: list[str] = []
    pos = 0
    for m in _SENT_BREAK.finditer(line):
        piece = line[pos : m.start()]
        if _ABBREV.search(piece):
            continue
        parts.append(line[pos : m.end()].rstrip())
        pos = m.end()
    parts.append(line[pos:])
    return [p for p in parts if p]


def _words(s: str) -> int:
    return len(s.split())


def _is_notice_sentence(s: str) -> bool:
    """Copyright and rights notices: "Copyright 2016 NPR.", "© 2010 Globe Newspaper Company.",
    "Copyright NPR." but not "Copyright lawyers said the ruling was narrow."."""
    return bool(_COPYRIGHT.search(s)) or (bool(_RIGHTS.search(s)) and _words(s) <= 40)


def _is_boilerplate_sentence(s: str) -> bool:
    low = s.lower()
    if not _SENTENCE_CUES.search(low):
        return False
    if _is_notice_sentence(s) or any(p.search(s) for p in _SENTENCE_PATTERNS):
        return True
    if _QUOTES.search(s):
        return False  # someone quoted saying "sign up" or "we use cookies" is news
    if _PROMO_STRONG.search(low) or _PROMO_START.search(s):
        return True
    return bool(_COOKIE.search(s) and _COOKIE_BANNER.search(s))


def is_boilerplate(line: str) -> bool:
    """Whether a whole line (one paragraph) is page furniture rather than article text."""
    line = _SPACES.sub(" ", line).strip()
    n = _words(line)
    if not line:
        return True
    label = line.lower().rstrip(":…. ").strip()
    if label in _LABELS or (n <= 8 and all(w in _SOCIAL for w in label.split())):
        return True
    if n <= 150 and any(p.search(line) for p in _LINE_PATTERNS):
        return True
    if n <= 30 and any(p.search(line) for p in _SHORT_LINE_PATTERNS):
        return True
    if n <= 6 and _DATELINE_STUB.match(line):
        return True
    if n <= 80 and _CREDIT_TAIL.search(line):
        # "... the statement said (Reuters)" is a news item crediting its source, not a caption.
        return not (
            _BARE_CREDIT.search(line)
            and _ATTRIBUTION.search(line)
            and not _CAPTION_SIGN.search(line)
        )
    if n <= 60 and _CAPTION_START.search(line) and len(_rough_sentences(line)) <= 2:
        return True
    if n <= 12 and not _END_PUNCT.search(line) and _CREDIT_LINE.search(line):
        return True
    return n <= 150 and all(_is_boilerplate_sentence(s) for s in _rough_sentences(line))


def _strip_sentences(line: str, removed: list[str]) -> str:
    """Drop boilerplate sentences from inside a line; drop the whole line when what is left is
    only the crumbs of a widget (two or more promo sentences and nothing longer than 8 words)."""
    sents = _rough_sentences(line)
    if len(sents) < 2:
        return line
    flags = [_is_boilerplate_sentence(s) for s in sents]
    if not any(flags):
        return line
    kept = [s for s, f in zip(sents, flags, strict=True) if not f]
    if sum(flags) >= 2 and all(_words(s) <= 8 for s in kept):
        removed.append(line)
        return ""
    removed.extend(s for s, f in zip(sents, flags, strict=True) if f)
    return " ".join(kept)


def _strip_fragments(line: str, removed: list[str]) -> str:
    changed = False
    for needle, pat in _FRAGMENTS:
        if needle not in line:
            continue
        for m in pat.finditer(line):
            changed = True
            if m.group().strip():
                removed.append(m.group().strip())
        line = pat.sub(" ", line)
    return _SPACES.sub(" ", line).strip() if changed else line


# --- blocks ------------------------------------------------------------------------------------

_HIGHLIGHTS = re.compile(r"^(?:(?:story highlights\b:?\s*)+|highlights:?$)", re.IGNORECASE)
_VIDEO_STAMP = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*[-–—|]\s*Source:\s*\S.*$")


def _title_like(line: str, max_words: int = 15) -> bool:
    return 0 < _words(line) <= max_words and not _END_PUNCT.search(line)


def _highlight(cand: str, later: str) -> bool:
    """A "Story highlights" bullet: a short line without a final period (CNN style), or a line
    the article repeats later."""
    return _title_like(cand, 30) or (_words(cand) >= 5 and cand.lower() in later.lower())


def clean_text(text: str) -> Cleaned:
    """Remove boilerplate from an article body; one paragraph per line in the result."""
    unwrapped = _unwrap(_lines(text))
    lines = [line for line, _ in unwrapped]
    gaps = [gap for _, gap in unwrapped]
    removed: list[str] = []
    kept: list[str] = []
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        m = _HIGHLIGHTS.match(line)
        if m and (not kept or gaps[i - 1]):
            rest = line[m.end() :]
            if rest and not _highlight(rest, "\n".join(lines[i:])):
                removed.append(line[: m.end()].strip())
                lines[i - 1] = rest
                i -= 1
                continue
            removed.append(line)
            end = min(i + 8, len(lines))
            while i < end and _highlight(lines[i], "\n".join(lines[i + 1 :])):
                removed.append(lines[i])
                i += 1
            continue
        if _VIDEO_STAMP.match(line):
            removed.append(line)
            # The video's headline sits right under the stamp, in the same block.
            if i < len(lines) and not gaps[i] and _title_like(lines[i]):
                removed.append(lines[i])
                i += 1
            continue
        fragments: list[str] = []
        stripped = _strip_fragments(line, fragments)
        if not stripped or is_boilerplate(stripped):
            removed.append(line)
            continue
        removed.extend(fragments)
        credit = _BARE_CREDIT.search(stripped)
        if credit:
            removed.append(credit.group().strip())
            stripped = stripped[: credit.start()]
        stripped = _strip_sentences(stripped, removed)
        if not stripped:
            continue
        if len(stripped) < len(line):
            # Look again at what is left: it may now open with a heading, or be furniture.
            lines[i - 1] = stripped
            i -= 1
            continue
        # Captions and pull quotes are often printed twice; the second copy adds nothing.
        if _words(stripped) >= 4 and stripped in seen:
            removed.append(stripped)
            continue
        seen.add(stripped)
        kept.append(stripped)
    return Cleaned("\n".join(kept), tuple(removed))
