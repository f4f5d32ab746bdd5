"""Brief quality, section by section, for the base commit beside this checkout, in one run.

    .venv/bin/python benchmarks/brief_quality.py                 # base (cfb268f) and this checkout
    .venv/bin/python benchmarks/brief_quality.py --base none     # this checkout only
    .venv/bin/python benchmarks/brief_quality.py --base none --only quotes --quote-errors

Every figure is read against the hand labels in ``benchmarks/labels/brief_*.jsonl`` (references
into ../shared/data; see labels/README.md):

- sentence boundaries: precision/recall/F1 of the splitter at 313 labelled candidate positions
  (a '.', '!' or '?' followed by a space) in DUC 2003 and BASIL articles;
- quotes: of the labelled quotes, the share listed with the right speaker (of those listed, and
  of all); of the scare quotes, titles and one-to-three-word fragments, the share listed as
  quotes; for the sets the rules were tuned on (``brief_quotes.jsonl``, ``_dev2`` to ``_dev7``)
  and a held-out set read last (``brief_quotes_test.jsonl``). A
  label is found by its first words in a listed quote's text, else (another outlet's wording
  shown for a grouped quote) by a quote on its sentences that shares most of its words;
- entities: of 124 labelled people, organizations and places, the share found with the right
  type, and of those written several ways, the share merged into one entry; of 97 labelled junk
  strings ("But", "R-Ky.", "WASHINGTON") and 11 non-entities (laws, events), the share listed;
- timeline dates: of 96 labelled date expressions, the share resolved to the labelled date;
  timeline entries that share a date with another entry of their story (the duplicate proxy;
  two events can share a day), and stories whose timeline has the day of the reported event;
  of labelled pairs of sentences naming one date (``brief_events*.jsonl``: 22 the first
  timeline split, 183 read from every same-date group, and 96 held out), the share of
  same-event pairs left as two entries (duplicates) and of different-event pairs merged;
- summary sentences that fail a stand-alone reading (``standalone_failures`` below: a fragment,
  a dateline opening, a sentence that opens with a quote and gives no speaker or starts inside
  one its paragraph opened, a pronoun opening with no antecedent before it; a sentence right
  after the one before it in its article has that one's antecedent, and its speaker when it
  names one);
- ``newsfuse brief`` end to end (process start, model load, text output) on one BASIL triplet,
  and the length of the Munich example's text briefing.

The base commit's code is taken with ``git archive`` into a temporary directory and run in a
child process with that ``src`` first on ``sys.path``; the labels and the judges are this
script's, the same for both columns.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LABELS = HERE / "labels"
BASE = "cfb268f"


def data_dir() -> Path:
    env = os.environ.get("NEWSFUSE_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def read_labels(name: str) -> list[dict[str, Any]]:
    path = LABELS / name
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def records(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The data records the label rows refer to, by id."""
    out: dict[str, dict[str, Any]] = {}
    for dataset in sorted({r["dataset"] for r in rows}):
        wanted = {r["record"] for r in rows if r["dataset"] == dataset}
        with (data_dir() / dataset).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in wanted:
                    out[rec["id"]] = rec
    return out


def story_of(rec: dict[str, Any]) -> Any:
    from newsfuse.models import Article, Story

    meta = rec.get("doc_meta") or [{} for _ in rec["documents"]]
    arts = []
    for i, (text, m) in enumerate(zip(rec["documents"], meta, strict=True)):
        published = None
        if m.get("date"):
            published = dt.datetime.fromisoformat(m["date"])
        arts.append(Article(id=f"d{i}", text=text, source=m.get("source", ""), published=published))
    return Story(rec["id"], tuple(arts))


# --- sentence boundaries ---------------------------------------------------------------------


def sentence_figures() -> dict[str, float]:
    from newsfuse.text.sentences import split_spans

    rows = read_labels("brief_sentences.jsonl")
    recs = records(rows)
    ends: dict[tuple[str, int], set[int]] = {}
    tp = fp = fn = 0
    for r in rows:
        key = (r["record"], r["doc"])
        if key not in ends:
            text = recs[r["record"]]["documents"][r["doc"]]
            ends[key] = {e for _, e in split_spans(text)}
        predicted = r["offset"] in ends[key]
        tp += predicted and r["boundary"]
        fp += predicted and not r["boundary"]
        fn += (not predicted) and r["boundary"]
    p = tp / max(tp + fp, 1)
    rc = tp / max(tp + fn, 1)
    return {"sent_p": p, "sent_r": rc, "sent_f1": 2 * p * rc / max(p + rc, 1e-9)}


# --- quotes ----------------------------------------------------------------------------------

_W = re.compile(r"[a-z0-9]+")


def _norm_words(text: str) -> str:
    return " ".join(_W.findall(text.lower().replace("’", "'")))


def _norm_name(text: str) -> str:
    text = text.lower().replace("’", "'").replace(".", "")
    text = re.sub(r"'s?\b", "", text)
    # Middle initials do not make another name ("Adam B. Schiff" is "Adam Schiff").
    words = _W.findall(text)
    return " ".join(
        w
        for k, w in enumerate(words)
        if w != "the" and not (0 < k < len(words) - 1 and len(w) == 1)
    )


def speaker_ok(system: str, accepted: Sequence[str]) -> bool:
    got = _norm_name(system)
    for alt in accepted:
        want = _norm_name(alt)
        if got == want or (" " not in want and want in got.split()):
            return True
    return False


QUOTE_SETS = (
    ("brief_quotes.jsonl", ""),
    ("brief_quotes_dev2.jsonl", "dev2_"),
    ("brief_quotes_dev3.jsonl", "dev3_"),
    ("brief_quotes_dev4.jsonl", "dev4_"),
    ("brief_quotes_dev5.jsonl", "dev5_"),
    ("brief_quotes_dev6.jsonl", "dev6_"),
    ("brief_quotes_dev7.jsonl", "dev7_"),
    ("brief_quotes_test.jsonl", "test_"),
)
"""Quote label files and the prefix of their figures: the rules were tuned on the first seven
(dev; dev2 to dev7 were each read after a round of tuning and scored once before being tuned
on); the last was read last and only scored (held out)."""


def quote_figures(embedder: Any, show_errors: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    for name, prefix in QUOTE_SETS:
        if (LABELS / name).exists():
            for key, value in _quote_set(embedder, name, show_errors).items():
                figures[prefix + key] = value
    return figures


def _quote_set(embedder: Any, name: str, show_errors: bool) -> dict[str, float]:
    from newsfuse.compare.mentions.quotes import find_quotes
    from newsfuse.pipeline import prepare

    rows = read_labels(name)
    recs = records(rows)
    listed: dict[str, list[Any]] = {}
    for rid, rec in recs.items():
        listed[rid] = find_quotes(prepare(story_of(rec), embedder))
    right = found = scare_listed = quotes = scares = 0
    for r in rows:
        doc = recs[r["record"]]["documents"][r["doc"]]
        text = doc[r["start"] : r["end"]]
        words = _norm_words(text).split()
        probe = " ".join(words[:12])
        hits = [
            q
            for q in listed[r["record"]]
            if f"d{r['doc']}" in q.sources and probe and probe in _norm_words(q.text)
        ]
        if not hits and r["kind"] == "quote":
            hits = _same_sentences(listed[r["record"]], r, words)
        if r["kind"] == "scare":
            # Listed as a quote of its own, not found inside a longer real quote.
            scares += 1
            wrong = any(len(_norm_words(q.text).split()) <= len(words) + 2 for q in hits)
            scare_listed += wrong
            if wrong and show_errors:
                _show(name, r, doc, "scare listed", "")
            continue
        quotes += 1
        if hits:
            found += 1
            ok = speaker_ok(hits[0].speaker, r["speaker"])
            right += ok
            if not ok and show_errors:
                _show(name, r, doc, f"speaker {hits[0].speaker!r}", f"want {r['speaker']}")
        elif show_errors:
            _show(name, r, doc, "not listed", f"want {r['speaker']}")
    return {
        "quote_n": float(quotes),
        "scare_n": float(scares),
        "quote_acc_listed": right / max(found, 1),
        "quote_acc_all": right / max(quotes, 1),
        "quote_listed": found / max(quotes, 1),
        "scare_listed": scare_listed / max(scares, 1),
    }


def _same_sentences(listed: Sequence[Any], r: dict[str, Any], words: list[str]) -> list[Any]:
    """Quotes carried by the label's sentences whose words are mostly the label's: a quote
    grouped across outlets shows the longest outlet's wording, which may differ from this
    document's ("―" for ","; a sentence more or less)."""
    doc, want = f"d{r['doc']}", set(words)
    out = []
    for q in listed:
        here = [s for s in q.sentences if s.article_id == doc]
        if not any(s.start < r["end"] and r["start"] < s.end for s in here):
            continue
        if want and len(want & set(_norm_words(q.text).split())) >= 0.6 * len(want):
            out.append(q)
    return out


def _show(name: str, r: dict[str, Any], doc: str, got: str, want: str) -> None:
    """One wrong quote with 300 characters of context each side, on stderr."""
    lo, hi = max(r["start"] - 300, 0), r["end"] + 300
    context = doc[lo : r["start"]] + "[[" + doc[r["start"] : r["end"]] + "]]" + doc[r["end"] : hi]
    print(f"--- {name} {r['record']} d{r['doc']} {r['start']}: {got} {want}", file=sys.stderr)
    print(" ".join(context.split()), file=sys.stderr)


# --- entities --------------------------------------------------------------------------------

_TITLE = re.compile(
    r"^(?:(?:mr|mrs|ms|dr|sen|sens|rep|reps|gov|gen|lt|president|vice|speaker|senator|"
    r"representative|house|senate|majority|minority|republican|democratic|leader|whip|former|"
    r"california|attorney|general|chairman|judiciary|committee|pres|and|but|the)\s+)+"
)


def _entity_key(surface: str, person: bool) -> str:
    """How a name is compared: case, dots, possessives and "the" ignored; for people also
    titles and a trailing "of <state>" ("Senator Mitch McConnell of Kentucky")."""
    key = _norm_name(surface)
    if not person:
        return key
    stripped = _TITLE.sub("", key)
    key = stripped if stripped else key
    return re.sub(r"\s+of\s+[a-z ]+$", "", key)


def entity_figures() -> dict[str, float]:
    from newsfuse.compare.mentions.entities import find_entities

    rows = read_labels("brief_entities.jsonl")
    recs = records(rows)
    out: dict[str, list[Any]] = {rid: find_entities(story_of(rec)) for rid, rec in recs.items()}
    typed = found = right = multi = merged = junk = junk_listed = other = other_listed = 0
    for r in rows:
        doc_text = recs[r["record"]]["documents"]
        person = r["type"] == "PERSON"
        surfaces = [doc_text[m["doc"]][m["start"] : m["end"]] for m in r["mentions"]]
        keys = {_entity_key(s, person) for s in surfaces} - {""}
        ents = out[r["record"]]
        hits = [e for e in ents if _entity_key(e.name, e.label == "PERSON") in keys]
        if r["type"] == "junk":
            junk += 1
            junk_listed += bool(hits)
            continue
        if r["type"] == "other":
            other += 1
            other_listed += bool(hits)
            continue
        typed += 1
        if not hits:
            continue
        found += 1
        main = max(hits, key=lambda e: sum(e.mentions.values()))
        right += main.label == r["type"]
        if len(keys) > 1:
            multi += 1
            merged += len(hits) == 1
    return {
        "ent_acc_found": right / max(found, 1),
        "ent_acc_all": right / max(typed, 1),
        "ent_merged": merged / max(multi, 1),
        "ent_junk": junk_listed / max(junk, 1),
        "ent_other": other_listed / max(other, 1),
    }


# --- timeline --------------------------------------------------------------------------------


def date_figures(embedder: Any) -> dict[str, float]:
    from newsfuse.compare.mentions.timeline import build_timeline
    from newsfuse.compare.values.dates import find_dates
    from newsfuse.pipeline import prepare

    rows = read_labels("brief_dates.jsonl")
    recs = records(rows)
    right = 0
    cache: dict[tuple[str, int], list[Any]] = {}
    for r in rows:
        key = (r["record"], r["doc"])
        if key not in cache:
            text = recs[r["record"]]["documents"][r["doc"]]
            cache[key] = find_dates(text, dt.datetime.fromisoformat(r["published"]))
        hits = [d for d in cache[key] if d.start < r["end"] and r["start"] < d.end]
        want = r["value"] if r["granularity"] == "day" else r["value"][:7]
        right += any(d.key == want for d in hits)
    entries = shared = with_event = 0
    timelines: dict[str, tuple[Any, list[Any]]] = {}
    for rid, rec in recs.items():
        story = story_of(rec)
        prepared = prepare(story, embedder)
        timeline = build_timeline(prepared)
        timelines[rid] = (prepared, timeline)
        entries += len(timeline)
        per_day: dict[tuple[dt.date, str], int] = defaultdict(int)
        for e in timeline:
            per_day[e.date, e.granularity] += 1
        shared += sum(n for n in per_day.values() if n > 1)
        days = {a.published.date() for a in story.articles if a.published}
        days |= {d - dt.timedelta(days=1) for d in days}
        with_event += any(e.granularity == "day" and e.date in days for e in timeline)
    figures = {
        "date_acc": right / max(len(rows), 1),
        "tl_entries": entries / max(len(recs), 1),
        "tl_shared": shared / max(entries, 1),
        "tl_event": with_event / max(len(recs), 1),
    }
    for name, prefix in EVENT_SETS:
        if not (LABELS / name).exists():
            continue
        labels = read_labels(name)
        for rid, rec in records(labels).items():
            if rid not in timelines:  # a story no date label reads
                prepared = prepare(story_of(rec), embedder)
                timelines[rid] = (prepared, build_timeline(prepared))
        split = same = merged = different = 0
        for r in labels:
            prepared, timeline = timelines[r["record"]]
            a, b = (_entries_citing(prepared, timeline, r[side], r.get("date")) for side in "ab")
            together = bool(a & b)
            if r["label"] == "same":
                same += 1
                split += not together
            else:
                different += 1
                merged += together
        figures[prefix + "tl_pairs_same"] = float(same)
        figures[prefix + "tl_pairs_different"] = float(different)
        figures[prefix + "tl_split"] = split / max(same, 1)
        figures[prefix + "tl_merged"] = merged / max(different, 1)
    return figures


EVENT_SETS = (
    ("brief_events.jsonl", ""),
    ("brief_events_dev2.jsonl", "dev2_"),
    ("brief_events_test.jsonl", "test_"),
)
"""Same-event label files and the prefix of their figures: the timeline's event merging was
tuned on the first two (dev); the last was read with the second, scored once before any
tuning, and never tuned on (held out)."""


def _entries_citing(
    prepared: Any, timeline: Sequence[Any], span: dict[str, Any], date: str | None = None
) -> set[int]:
    """Positions of the timeline entries citing the sentence that overlaps a labelled span most
    (only those of ``date``, ISO, when given: a sentence naming two dates has two entries)."""
    aid = f"d{span['doc']}"
    rows = prepared.by_article.get(aid, [])

    def overlap(r: int) -> int:
        s = prepared.sentences[r]
        return int(min(s.end, span["end"]) - max(s.start, span["start"]))

    best = max(rows, key=overlap, default=None)
    if best is None or overlap(best) <= 0:
        return set()
    index = prepared.sentences[best].index
    return {
        k
        for k, e in enumerate(timeline)
        if (date is None or e.date.isoformat() == date)
        and (
            (e.sentence.article_id, e.sentence.index) == (aid, index)
            or any((c.article_id, c.sentence_index) == (aid, index) for c in e.citations)
        )
    }


# --- summaries -------------------------------------------------------------------------------

_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\([A-Za-z ]+\))?\s*(?:_|—|–|--|-)\s")
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|asked|wrote|writes|declared|according to|tweeted|"
    r"stated|explained|argued|insisted|warned|noted|announced|replied|responded|recalled|"
    r"continued|called|urged)\b",
    re.I,
)
_PRONOUN = re.compile(r"^(?:He|She|They|His|Her|Their|Its|It|Him|Them|These|Those)\b")
_FRAGMENT_END = re.compile(r"(?:\b[A-Z]\.|\([^)]*)$")


def standalone_failures(sentences: Sequence[Any], story: Any = None) -> list[str]:
    """Why each summary sentence cannot be read alone ("" when it can); ``sentences`` are the
    summary's ``Sentence``s in summary order, from ``story`` (when given, a sentence that starts
    inside a quotation its paragraph opened before it is an unattributed quote too)."""
    out = []
    for k, s in enumerate(sentences):
        text = s.text.strip()
        opened = False
        if story is not None:
            body = story.article(s.article_id).text
            before = body[body.rfind("\n", 0, s.start) + 1 : s.start]
            curly = [c for c in before if c in "“”"]
            opened = curly[-1] == "“" if curly else before.count('"') % 2 == 1
        prev = sentences[k - 1] if k else None
        # right after the sentence before it in its article, which gives what it leans on
        follows = prev is not None and (prev.article_id, prev.index + 1) == (s.article_id, s.index)
        if _DATELINE.match(text):
            out.append("dateline")
        elif (
            len(text.split()) < 4
            or text[:1].islower()
            or not re.search(r"[.!?][\"'”’)]*$", text)
            or _FRAGMENT_END.search(text.rstrip(".!?\"'”’"))
        ):
            out.append("fragment")
        elif (
            text[:1] in '"“'
            and not _SPEECH.search(_outside_quotes(text))
            and not (follows and _SPEECH.search(_outside_quotes(prev.text)))
        ) or (opened and not follows):
            out.append("unattributed quote")
        elif _PRONOUN.match(text) and not follows:
            out.append("pronoun opening")
        else:
            out.append("")
    return out


def _outside_quotes(text: str) -> str:
    return re.sub(r"[\"“][^\"”]*[\"”]?", " ", text)


def summary_figures(embedder: Any) -> dict[str, float]:
    from newsfuse import api
    from newsfuse.pipeline import prepare
    from newsfuse.settings import DEFAULT

    rows = read_labels("brief_quotes.jsonl") + read_labels("brief_dates.jsonl")
    stories = [story_of(r) for r in records(rows).values()]
    with (data_dir() / "summarization" / "duc2003_task2.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= 10:
                break
            rec = json.loads(line)
            rec["doc_meta"] = [{} for _ in rec["documents"]]
            stories.append(story_of(rec))
    total = failed = 0
    kinds: dict[str, int] = defaultdict(int)
    for story in stories:
        summary = api.summarize_prepared(prepare(story, embedder), DEFAULT)
        for why in standalone_failures([c.sentence for c in summary.sentences], story):
            total += 1
            if why:
                failed += 1
                kinds[why] += 1
    figures = {"sum_fail": failed / max(total, 1), "sum_sentences": float(total)}
    for why in ("fragment", "dateline", "unattributed quote", "pronoun opening"):
        figures[f"sum_{why}"] = float(kinds[why])
    return figures


# --- timing and length -----------------------------------------------------------------------


def brief_timing(env: dict[str, str]) -> dict[str, float]:
    rec = next(iter(records(read_labels("brief_quotes.jsonl")).values()))
    exe = str(Path(sys.executable).with_name("newsfuse"))
    with tempfile.TemporaryDirectory() as tmp:
        for i, text in enumerate(rec["documents"]):
            Path(tmp, f"a{i}.txt").write_text(text, encoding="utf-8")
        runs = []
        for _ in range(3):  # the first run fills the embedding cache; the best of the others
            t0 = time.perf_counter()
            subprocess.run([exe, "brief", tmp], env=env, check=True, capture_output=True)
            runs.append(time.perf_counter() - t0)
    munich = subprocess.run(
        [exe, "brief", str(ROOT / "examples" / "munich-2016")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    return {
        "brief_s": min(runs[1:]),
        "munich_lines": float(len(munich)),
        "munich_wide": float(sum(len(line) > 100 for line in munich)),
    }


# --- driver ----------------------------------------------------------------------------------

ROWS = [
    ("sentence boundaries: precision", "sent_p", "pct"),
    ("sentence boundaries: recall", "sent_r", "pct"),
    ("sentence boundaries: F1", "sent_f1", "pct"),
    ("quotes labelled (dev)", "quote_n", "int"),
    ("quotes listed (of labelled quotes)", "quote_listed", "pct"),
    ("quote speaker right (of listed)", "quote_acc_listed", "pct"),
    ("quote speaker right (of all labelled)", "quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev)", "scare_n", "int"),
    ("scare quotes/titles listed as quotes", "scare_listed", "pct"),
    ("quotes labelled (dev 2)", "dev2_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev2_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev2_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev2_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 2)", "dev2_scare_n", "int"),
    ("  listed as quotes", "dev2_scare_listed", "pct"),
    ("quotes labelled (dev 3)", "dev3_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev3_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev3_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev3_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 3)", "dev3_scare_n", "int"),
    ("  listed as quotes", "dev3_scare_listed", "pct"),
    ("quotes labelled (dev 4)", "dev4_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev4_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev4_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev4_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 4)", "dev4_scare_n", "int"),
    ("  listed as quotes", "dev4_scare_listed", "pct"),
    ("quotes labelled (dev 5)", "dev5_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev5_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev5_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev5_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 5)", "dev5_scare_n", "int"),
    ("  listed as quotes", "dev5_scare_listed", "pct"),
    ("quotes labelled (dev 6)", "dev6_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev6_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev6_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev6_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 6)", "dev6_scare_n", "int"),
    ("  listed as quotes", "dev6_scare_listed", "pct"),
    ("quotes labelled (dev 7)", "dev7_quote_n", "int"),
    ("  listed (of labelled quotes)", "dev7_quote_listed", "pct"),
    ("  speaker right (of listed)", "dev7_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "dev7_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (dev 7)", "dev7_scare_n", "int"),
    ("  listed as quotes", "dev7_scare_listed", "pct"),
    ("quotes labelled (held out)", "test_quote_n", "int"),
    ("  listed (of labelled quotes)", "test_quote_listed", "pct"),
    ("  speaker right (of listed)", "test_quote_acc_listed", "pct"),
    ("  speaker right (of all labelled)", "test_quote_acc_all", "pct"),
    ("scare quotes/titles labelled (held out)", "test_scare_n", "int"),
    ("  listed as quotes", "test_scare_listed", "pct"),
    ("entity type right (of found)", "ent_acc_found", "pct"),
    ("entity found with right type (of all)", "ent_acc_all", "pct"),
    ("entities written several ways merged", "ent_merged", "pct"),
    ("junk strings listed as entities", "ent_junk", "pct"),
    ("non-entities (laws, events) listed", "ent_other", "pct"),
    ("timeline date right", "date_acc", "pct"),
    ("timeline entries per story", "tl_entries", "num"),
    ("entries sharing a date (dup. proxy)", "tl_shared", "pct"),
    ("stories with the event day on it", "tl_event", "pct"),
    ("same-day sentence pairs: same event", "tl_pairs_same", "int"),
    ("  left as two entries", "tl_split", "pct"),
    ("  different events", "tl_pairs_different", "int"),
    ("  merged into one entry", "tl_merged", "pct"),
    ("same-day pairs (dev 2): same event", "dev2_tl_pairs_same", "int"),
    ("  left as two entries", "dev2_tl_split", "pct"),
    ("  different events", "dev2_tl_pairs_different", "int"),
    ("  merged into one entry", "dev2_tl_merged", "pct"),
    ("same-day pairs (held out): same event", "test_tl_pairs_same", "int"),
    ("  left as two entries", "test_tl_split", "pct"),
    ("  different events", "test_tl_pairs_different", "int"),
    ("  merged into one entry", "test_tl_merged", "pct"),
    ("summary sentences", "sum_sentences", "int"),
    ("summary sentences failing stand-alone", "sum_fail", "pct"),
    ("  fragments", "sum_fragment", "int"),
    ("  dateline openings", "sum_dateline", "int"),
    ("  unattributed quotes", "sum_unattributed quote", "int"),
    ("  pronoun openings", "sum_pronoun opening", "int"),
    ("`newsfuse brief`, 3 BASIL articles (s)", "brief_s", "num"),
    ("Munich text briefing: lines", "munich_lines", "int"),
    ("Munich text briefing: lines > 100 cols", "munich_wide", "int"),
]


SECTIONS = ("sentences", "quotes", "entities", "dates", "summaries", "timing")


def measure(
    env: dict[str, str], only: Sequence[str] = SECTIONS, errors: bool = False
) -> dict[str, float]:
    from newsfuse.embed import default_embedder

    embedder = default_embedder()
    figures: dict[str, float] = {}
    if "sentences" in only:
        figures.update(sentence_figures())
    if "quotes" in only:
        figures.update(quote_figures(embedder, errors))
    if "entities" in only:
        figures.update(entity_figures())
    if "dates" in only:
        figures.update(date_figures(embedder))
    if "summaries" in only:
        figures.update(summary_figures(embedder))
    if "timing" in only:
        figures.update(brief_timing(env))
    return figures


def child(src: str, only: Sequence[str], errors: bool) -> dict[str, float]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    flags = ["--only", ",".join(only)] + (["--quote-errors"] if errors else [])
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *flags],
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        stderr=None if errors else subprocess.PIPE,
        text=True,
    )
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "-"
    if kind == "pct":
        return f"{100 * value:.1f}%"
    if kind == "int":
        return f"{value:.0f}"
    return f"{value:.2f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=BASE, help="commit for the 'base' column, or 'none'")
    ap.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to measure, of {','.join(SECTIONS)} (default: all)",
    )
    ap.add_argument(
        "--quote-errors",
        action="store_true",
        help="print every quote with a wrong or missing speaker, and every scare quote listed, "
        "with its context (on stderr)",
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(only) - set(SECTIONS):
        ap.error(f"unknown section(s) {sorted(unknown)}; choose from {','.join(SECTIONS)}")
    if args.child:
        print(json.dumps(measure(dict(os.environ), only, args.quote_errors)))
        return 0
    columns: list[tuple[str, dict[str, float]]] = []
    if args.base != "none":
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.base, "src"],
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            columns.append((f"base {args.base}", child(str(Path(tmp) / "src"), only, False)))
    columns.append(("this checkout", child("", only, args.quote_errors)))
    width = max(len(r[0]) for r in ROWS) + 2
    print("| " + "measure".ljust(width) + " | " + " | ".join(c for c, _ in columns) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(c) + 2) for c, _ in columns) + "|")
    for label, key, kind in ROWS:
        if all(key not in figs for _, figs in columns):
            continue
        cells = [fmt(figs.get(key), kind).rjust(len(name)) for name, figs in columns]
        print("| " + label.ljust(width) + " | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
