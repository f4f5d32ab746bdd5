// Render a Brief (the JSON of newsfuse.models.Brief) into the page.
//
// Article text is untrusted. Everything from the API reaches the DOM through textContent and
// createElement only (no HTML parsing of data), and only http(s) URLs become links.

const $ = (id) => document.getElementById(id);

// --- small DOM helpers ----------------------------------------------------------------------

/** Element with a class and children; strings become text nodes, never markup. */
export function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Append `text` to `parent` with the first occurrence of `needle` wrapped in <mark>, by
 *  splitting the text into nodes. Falls back to a case-insensitive match, then to no mark. */
function appendHighlighted(parent, text, needles) {
  for (const needle of needles) {
    if (!needle) continue;
    let at = text.indexOf(needle);
    if (at < 0) at = text.toLowerCase().indexOf(needle.toLowerCase());
    if (at < 0) continue;
    parent.append(
      document.createTextNode(text.slice(0, at)),
      el("mark", "diff", text.slice(at, at + needle.length)),
      document.createTextNode(text.slice(at + needle.length)),
    );
    return;
  }
  parent.append(document.createTextNode(text));
}

function safeHttpUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** The first `limit` nodes in a `tag` container, the rest in a closed <details> after it, so a
 *  long section stays skimmable without hiding anything. */
function capped(tag, nodes, limit, noun) {
  const out = document.createDocumentFragment();
  const shown = nodes.length > limit + 2 ? limit : nodes.length; // never hide just one or two
  out.append(el(tag, null, ...nodes.slice(0, shown)));
  if (shown < nodes.length) {
    const rest = nodes.length - shown;
    out.append(el("details", "more", el("summary", null, `${rest} more ${noun}`),
      el(tag, null, ...nodes.slice(shown))));
  }
  return out;
}

function clear(node) {
  node.replaceChildren();
}

// --- rendering ------------------------------------------------------------------------------

/** Lookups shared by every section of one brief. */
function indexBrief(brief) {
  const number = new Map();
  const article = new Map();
  brief.story.articles.forEach((a, i) => {
    number.set(a.id, i + 1);
    article.set(a.id, a);
  });
  const sentence = new Map();
  for (const s of brief.sentences || []) sentence.set(`${s.article_id}\u0000${s.index}`, s);
  for (const cited of brief.summary.sentences) {
    const s = cited.sentence;
    sentence.set(`${s.article_id}\u0000${s.index}`, s);
  }
  const outlet = (id) => {
    const a = article.get(id);
    return a ? a.source || a.title || a.id : id;
  };
  return { number, article, sentence, outlet };
}

export function render(brief) {
  const ix = indexBrief(brief);
  hidePopover();
  const titled = brief.story.articles.find((a) => a.title);
  $("brief-title").textContent = brief.story.title || (titled && titled.title) || "Briefing";
  const focus = [];
  if (brief.query) focus.push(`Focused on: ${brief.query}`);
  const read = (brief.background || []).length;
  if (read) focus.push(`What is new since ${read} article${read === 1 ? "" : "s"} already read`);
  $("brief-focus").textContent = focus.join(" · ");
  $("brief-focus").hidden = focus.length === 0;
  renderSources(brief, ix);
  renderSummary(brief, ix);
  renderGrid(brief, ix);
  renderConflicts(brief, ix);
  renderSingle(brief, ix);
  renderQuotes(brief, ix);
  renderTimeline(brief, ix);
  renderEntities(brief, ix);
  $("brief").hidden = false;
  $("brief-title").scrollIntoView({ block: "start" });
}

function none(text) {
  return el("p", "none", text);
}

function renderSources(brief, ix) {
  const list = $("sources");
  clear(list);
  for (const a of brief.story.articles) {
    const item = el("li", null, el("strong", null, ix.outlet(a.id)));
    if (a.title && a.title !== ix.outlet(a.id)) item.append(" — ", el("span", "title", a.title));
    if (a.published) item.append(" · ", el("time", null, a.published.slice(0, 10)));
    const href = safeHttpUrl(a.url);
    if (href) {
      const link = el("a", null, "link");
      link.href = href;
      link.rel = "noopener noreferrer";
      item.append(" · ", link);
    }
    list.append(item);
  }
}

/** A keyboard-focusable [n] button that reveals the cited sentence; `face` gives another
 *  look (a grid cell): its class, its children and its accessible name. */
function citeButton(ix, articleId, sentenceIndex, similarity, face) {
  const n = ix.number.get(articleId) ?? "?";
  const button = face
    ? el("button", `cite ${face.className}`, ...face.children)
    : el("button", "cite", `[${n}]`);
  button.type = "button";
  button.setAttribute(
    "aria-label",
    face ? face.label : `Source ${n}, ${ix.outlet(articleId)}: show the sentence`,
  );
  button.setAttribute("aria-expanded", "false");
  button.dataset.article = articleId;
  button.dataset.sentence = String(sentenceIndex);
  const content = () => {
    const s = ix.sentence.get(`${articleId}\u0000${sentenceIndex}`);
    const box = el("div", null, el("strong", "outlet", `[${n}] ${ix.outlet(articleId)}`));
    box.append(el("blockquote", null, s ? s.text : `Sentence ${sentenceIndex + 1}`));
    if (typeof similarity === "number" && similarity < 0.9995) {
      box.append(el("p", "similarity", `similarity ${similarity.toFixed(2)}`));
    }
    return box;
  };
  button.addEventListener("mouseenter", () => showPopover(button, content(), false));
  button.addEventListener("focus", () => {
    if (!refocusing) showPopover(button, content(), false);
  });
  button.addEventListener("mouseleave", () => unpinnedHide(button));
  button.addEventListener("blur", () => unpinnedHide(button));
  button.addEventListener("click", () => {
    if (pinnedTo === button) hidePopover();
    else showPopover(button, content(), true);
  });
  return button;
}

function citeGroup(ix, citations) {
  const group = el("span", "cites");
  for (const c of citations) {
    group.append(citeButton(ix, c.article_id, c.sentence_index, c.similarity));
  }
  return group;
}

function renderSummary(brief, ix) {
  const box = $("summary");
  clear(box);
  if (brief.summary.sentences.length === 0) {
    box.append(none("No summary: the articles had no usable sentences."));
    return;
  }
  const para = el("p");
  for (const cited of brief.summary.sentences) {
    para.append(el("span", "sentence", cited.sentence.text), " ");
    para.append(citeGroup(ix, cited.citations), " ");
  }
  box.append(para);
}

// --- coverage grid ---------------------------------------------------------------------------

const CELL_TEXT = { reports: "reports it", otherwise: "says otherwise", silent: "silent" };
const CELL_MARK = { reports: "✓", otherwise: "≠", silent: "–" };

/** "CNN: says otherwise (20)", as the HTML briefing says it (report/brief_common.cell_label). */
function cellLabel(ix, cell) {
  const value = cell.value ? ` (${cell.value})` : "";
  return `${ix.outlet(cell.article_id)}: ${CELL_TEXT[cell.state] || cell.state}${value}`;
}

function gridCell(ix, cell) {
  const label = cellLabel(ix, cell);
  const mark = el("span", null, CELL_MARK[cell.state] || "?");
  mark.setAttribute("aria-hidden", "true");
  if (!cell.citation) {
    // Focusable too, so the keyboard walks every cell of the row in order.
    const span = el("span", "cell silent", mark);
    span.tabIndex = 0;
    span.setAttribute("role", "img");
    span.setAttribute("aria-label", label);
    span.title = label;
    return span;
  }
  const children = [mark];
  if (cell.value) children.push(el("span", "v", cell.value));
  const c = cell.citation;
  return citeButton(ix, c.article_id, c.sentence_index, 1, {
    className: `cell ${cell.state}`,
    children,
    label: `${label}: show the sentence`,
  });
}

function renderGrid(brief, ix) {
  const box = $("grid");
  clear(box);
  const rows = brief.coverage || [];
  if (rows.length === 0) {
    box.append(none(brief.story.articles.length < 2
      ? "Only one source: nothing to compare it with."
      : "No facts found to set side by side."));
    return;
  }
  const legend = el("p", "hint");
  for (const [state, text] of Object.entries(CELL_TEXT)) {
    const mark = el("span", `cell ${state}`, CELL_MARK[state]);
    mark.setAttribute("aria-hidden", "true");
    legend.append(mark, ` ${text}  `);
  }
  legend.append("— focus or click a mark to read the sentence it stands for.");
  const table = el("table", "grid");
  table.append(el("caption", null,
    "The story’s main facts (rows) against its sources (columns): disagreements first, then " +
    "what several sources report."));
  const head = el("tr");
  const corner = el("th", null, "Fact");
  corner.scope = "col";
  head.append(corner);
  for (const cell of rows[0].cells) {
    const th = el("th", null, ix.outlet(cell.article_id), " ",
      el("span", "meta", `[${ix.number.get(cell.article_id) ?? "?"}]`));
    th.scope = "col";
    head.append(th);
  }
  table.append(el("thead", null, head));
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr", `row-${row.kind}`);
    const th = el("th", null, row.title);
    th.scope = "row";
    tr.append(th);
    for (const cell of row.cells) tr.append(el("td", null, gridCell(ix, cell)));
    body.append(tr);
  }
  table.append(body);
  box.append(legend, el("div", "grid-scroll", table));
}

// --- conflicts ------------------------------------------------------------------------------

const KIND = { quantity: "Numbers differ", date: "Dates differ", entity: "Names differ",
  polarity: "Outcome differs" };

function renderConflicts(brief, ix) {
  const box = $("conflicts");
  clear(box);
  const updates = brief.conflicts.filter((c) => c.update).length;
  $("h-conflicts").textContent =
    updates === 0
      ? "Where the sources disagree"
      : updates === brief.conflicts.length
        ? "What changed since you last read"
        : "What changed, and where the sources disagree";
  if (brief.story.articles.length < 2) {
    box.append(none("Only one source: nothing to compare it with."));
    return;
  }
  if (brief.conflicts.length === 0) {
    box.append(none("No conflicting facts found."));
    return;
  }
  for (const c of brief.conflicts) {
    const table = el("table", "conflict");
    const kind = KIND[c.kind] || c.kind;
    const caption = el("caption", null, el("strong", null, c.update ? `Update: ${kind}` : kind));
    if (c.update) caption.append(` ${c.value_a} → ${c.value_b}`);
    const why = c.reason || c.explanation;
    if (why) caption.append(": ", why);
    if (typeof c.confidence === "number") {
      caption.append(el("span", "meta", ` (confidence ${c.confidence.toFixed(2)})`));
    }
    table.append(caption);
    const head = el("tr");
    for (const s of [c.a, c.b]) {
      const th = el("th", null, ix.outlet(s.article_id), " ");
      th.scope = "col";
      th.append(citeButton(ix, s.article_id, s.index, 1));
      head.append(th);
    }
    table.append(el("thead", null, head));
    const texts = el("tr");
    for (const [s, span, value] of [[c.a, c.span_a, c.value_a], [c.b, c.span_b, c.value_b]]) {
      const td = el("td", "side");
      appendHighlighted(td, s.text, [span, value]);
      texts.append(td);
    }
    const values = el("tr", "values");
    for (const value of [c.value_a, c.value_b]) values.append(el("td", null, el("mark", "diff", value)));
    table.append(el("tbody", null, texts, values));
    box.append(table);
  }
}

function renderSingle(brief, ix) {
  const box = $("single");
  clear(box);
  if (brief.story.articles.length < 2) {
    box.append(none("Only one source: every fact in it is single-source."));
    return;
  }
  const byOutlet = new Map();
  for (const claim of brief.claims) {
    if (claim.coverage !== "one" || claim.sentences.length === 0) continue;
    const s = claim.sentences[0];
    if (!byOutlet.has(s.article_id)) byOutlet.set(s.article_id, []);
    byOutlet.get(s.article_id).push(s);
  }
  if (byOutlet.size === 0) {
    box.append(none("Every fact found is reported by more than one outlet."));
    return;
  }
  for (const a of brief.story.articles) {
    const sentences = byOutlet.get(a.id);
    if (!sentences) continue;
    const group = el("section", "outlet-facts");
    const n = sentences.length;
    group.append(el("h4", null, `[${ix.number.get(a.id)}] ${ix.outlet(a.id)}: ${n} fact${
      n === 1 ? "" : "s"}`));
    group.append(capped("ul", sentences.map((s) => el("li", null, s.text)), 6, "facts"));
    box.append(group);
  }
}

function renderQuotes(brief, ix) {
  const box = $("quotes");
  clear(box);
  if (brief.quotes.length === 0) {
    box.append(none("No direct quotes found."));
    return;
  }
  const figures = brief.quotes.map((q) => {
    const figure = el("figure", "quote");
    figure.append(el("blockquote", null, `“${q.text}”`));
    const caption = el("figcaption", null, `— ${q.speaker || "unattributed"} `);
    caption.append(citeGroup(ix, q.sentences.map((s) => (
      { article_id: s.article_id, sentence_index: s.index, similarity: 1 }))));
    figure.append(caption);
    return figure;
  });
  box.append(capped("div", figures, 8, "quotes"));
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const child of children) {
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const DAY_MS = 86400000;
const LABEL_ROOM = 80; // strip units between two date labels (a label is about 60 wide)

/** A date at its precision: 2016-02-25, 2016-02 or 2016. */
function eventDate(e) {
  return { month: e.date.slice(0, 7), year: e.date.slice(0, 4) }[e.granularity] || e.date;
}

/** Where each sorted distinct day sits on the strip, 0 to 1: each gap takes room by the log of
 *  its length in days, as report/coverage_html.strip_positions does. */
function stripPositions(days) {
  const ms = (d) => Date.parse(`${d}T00:00:00Z`);
  const steps = days.slice(1).map((d, k) => Math.log1p((ms(d) - ms(days[k])) / DAY_MS));
  const total = steps.reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  return days.map((_, k) => (k === 0 ? 0 : (at += steps[k - 1]) / total));
}

/** The dated events on a horizontal time axis; the list after it says the same in words. */
function renderStrip(events) {
  const box = $("timeline-strip");
  clear(box);
  const days = [...new Set(events.map((e) => e.date))].sort();
  if (days.length < 2) return;
  const [width, pad] = [720, 40];
  const x = new Map();
  stripPositions(days).forEach((p, k) => x.set(days[k], pad + (width - 2 * pad) * p));
  const shown = new Map();
  for (const e of events) if (!shown.has(e.date)) shown.set(e.date, eventDate(e));
  const last = days[days.length - 1];
  const label = `Timeline of ${events.length} dated events from ${shown.get(days[0])} to ${
    shown.get(last)}; the list below gives them in words`;
  const root = svg("svg", { class: "strip", role: "img", "aria-label": label,
    viewBox: `0 0 ${width} 70` }, svg("title", null, label));
  root.append(svg("line", { class: "axis", x1: pad, y1: 42, x2: width - pad, y2: 42 }));
  const stacked = new Map();
  for (const e of events) {
    const level = stacked.get(e.date) || 0;
    stacked.set(e.date, level + 1);
    if (level >= 4) continue; // a crowded day shows four dots; the list has every event
    root.append(svg("circle", { class: e.granularity === "day" ? "dot" : "dot coarse",
      cx: x.get(e.date).toFixed(1), cy: 34 - 9 * level, r: 4 },
    svg("title", null, `${eventDate(e)}: ${e.sentence.text}`)));
  }
  const labelled = [[days[0], "start"]];
  for (const d of days.slice(1, -1)) {
    const prev = labelled[labelled.length - 1][0];
    if (x.get(d) - x.get(prev) >= LABEL_ROOM && x.get(last) - x.get(d) >= LABEL_ROOM) {
      labelled.push([d, "middle"]);
    }
  }
  labelled.push([last, "end"]);
  for (const d of days) {
    const at = x.get(d).toFixed(1);
    root.append(svg("line", { class: "axis", x1: at, y1: 40, x2: at, y2: 45 }));
  }
  for (const [d, anchor] of labelled) {
    root.append(svg("text", { x: x.get(d).toFixed(1), y: 58, "text-anchor": anchor },
      shown.get(d)));
  }
  box.append(root);
}

function renderTimeline(brief, ix) {
  const list = $("timeline");
  clear(list);
  renderStrip(brief.timeline);
  if (brief.timeline.length === 0) {
    list.append(el("li", "none", "No dated events found."));
    return;
  }
  for (const event of brief.timeline) {
    // Month and year events carry the first day; show only what is known.
    const shown = { month: event.date.slice(0, 7), year: event.date.slice(0, 4) };
    const time = el("time", null, shown[event.granularity] || event.date);
    time.dateTime = event.date;
    const item = el("li", null, time, " ", el("span", "expression", `(${event.expression})`));
    item.append(" ", el("span", "sentence", event.sentence.text), " ");
    const cites = event.citations.length > 0 ? event.citations : [
      { article_id: event.sentence.article_id, sentence_index: event.sentence.index,
        similarity: 1 }];
    item.append(citeGroup(ix, cites));
    list.append(item);
  }
}

const LABEL = { PERSON: "People", ORG: "Organizations", PLACE: "Places" };

function renderEntities(brief, ix) {
  const box = $("entities");
  clear(box);
  if (brief.entities.length === 0) {
    box.append(none("No named entities found."));
    return;
  }
  for (const label of Object.keys(LABEL)) {
    const items = brief.entities.filter((e) => e.label === label);
    if (items.length === 0) continue;
    const list = el("ul");
    for (const e of items) {
      const outlets = Object.keys(e.mentions).map((id) => ix.outlet(id));
      const item = el("li", null, el("strong", null, e.name));
      if (outlets.length > 0) item.append(` (${outlets.join(", ")})`);
      list.append(item);
    }
    box.append(el("section", null, el("h4", null, LABEL[label]), list));
  }
}

// --- citation popover -----------------------------------------------------------------------

let pinnedTo = null;
let shownFor = null;
let refocusing = false; // Escape returns focus to the button without reopening the popover

function showPopover(button, content, pin) {
  const pop = $("popover");
  if (pinnedTo && !pin) return; // a pinned popover stays until clicked closed
  if (shownFor && shownFor !== button) {
    shownFor.setAttribute("aria-expanded", "false");
    shownFor.removeAttribute("aria-describedby");
  }
  pop.replaceChildren(content);
  pop.hidden = false;
  const box = button.getBoundingClientRect();
  const width = Math.min(420, document.documentElement.clientWidth - 16);
  pop.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
  pop.style.left = `${left + window.scrollX}px`;
  pop.style.top = `${box.bottom + window.scrollY + 6}px`;
  button.setAttribute("aria-describedby", "popover");
  shownFor = button;
  pinnedTo = pin ? button : null;
  button.setAttribute("aria-expanded", pin ? "true" : "false");
}

function unpinnedHide(button) {
  if (pinnedTo === null && shownFor === button) hidePopover();
}

function hidePopover() {
  const pop = $("popover");
  pop.hidden = true;
  pop.replaceChildren();
  if (shownFor) {
    shownFor.setAttribute("aria-expanded", "false");
    shownFor.removeAttribute("aria-describedby");
  }
  shownFor = null;
  pinnedTo = null;
}

/** Escape closes the popover (focus stays on its button); a click elsewhere unpins it. */
export function installPopoverHandlers() {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && shownFor) {
      const button = shownFor;
      hidePopover();
      refocusing = true;
      button.focus();
      refocusing = false;
    }
  });
  document.addEventListener("click", (event) => {
    if (pinnedTo && !event.target.closest(".cite") && !event.target.closest("#popover")) {
      hidePopover();
    }
  });
}
