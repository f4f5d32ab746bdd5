// newsfuse page: send articles (or pick a stored story) and show the briefing the API returns.

import { el, installPopoverHandlers, render } from "./render.js";

const $ = (id) => document.getElementById(id);

// --- status and errors ----------------------------------------------------------------------

let busy = false;

function setBusy(message) {
  busy = Boolean(message);
  $("status").textContent = message || "";
  $("submit").disabled = busy;
  $("story-submit").disabled = busy || !$("story-select").value;
  document.body.classList.toggle("busy", busy);
  document.body.setAttribute("aria-busy", busy ? "true" : "false");
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

/** fetch + JSON, turning API errors ({"error": ...}) and network failures into Errors whose
 *  message is fit to show. */
async function api(url, options, retried) {
  let response;
  const token = sessionStorage.getItem("newsfuse-token");
  const headers = new Headers((options && options.headers) || {});
  if (token) headers.set("Authorization", `Bearer ${token}`);
  try {
    response = await fetch(url, { ...(options || {}), headers });
  } catch (err) {
    throw new Error(`Could not reach the server (${err.message}). Is the server still running?`);
  }
  // A server started with a token: ask for it once, keep it for this browser session only.
  if (response.status === 401 && !retried) {
    const given = window.prompt("This newsfuse server needs its access token:");
    if (given) {
      sessionStorage.setItem("newsfuse-token", given.trim());
      return api(url, options, true);
    }
  }
  if (response.status === 401) sessionStorage.removeItem("newsfuse-token");
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.error === "string" ? body.error : response.statusText;
    throw new Error(`${response.status}: ${detail}`);
  }
  return body;
}

// --- input ----------------------------------------------------------------------------------

let pasteCount = 1;

function addPaste() {
  pasteCount += 1;
  const n = pasteCount;
  const box = el("div", "paste");
  const sourceLabel = el("label", null, "Outlet (optional)");
  sourceLabel.htmlFor = `paste-source-${n}`;
  const source = el("input", "paste-source");
  source.type = "text";
  source.id = `paste-source-${n}`;
  source.autocomplete = "off";
  const textLabel = el("label", null, "Article text");
  textLabel.htmlFor = `paste-text-${n}`;
  const text = el("textarea", "paste-text");
  text.id = `paste-text-${n}`;
  text.rows = 6;
  box.append(sourceLabel, source, textLabel, text);
  $("pastes").append(box);
  text.focus();
}

/** Pasted text with the outlet as .txt front matter, the format the server reads. */
function pastedArticle(box) {
  const text = box.querySelector(".paste-text").value;
  if (!text.trim()) return null;
  const outlet = box.querySelector(".paste-source").value.replace(/\s+/g, " ").trim();
  return outlet ? `---\nsource: ${outlet}\n---\n${text}` : text;
}

async function submitArticles(event) {
  event.preventDefault();
  if (busy) return;
  showError("");
  const form = new FormData();
  const files = $("files").files;
  for (const file of files) form.append("files", file, file.name);
  let pasted = 0;
  for (const box of document.querySelectorAll("#pastes .paste")) {
    const article = pastedArticle(box);
    if (article !== null) {
      form.append("text", article);
      pasted += 1;
    }
  }
  if (files.length + pasted === 0) {
    showError("Add at least one article: upload a file or paste its text.");
    return;
  }
  const words = $("words").value.trim();
  if (words) form.append("words", words);
  const query = $("query").value.trim();
  if (query) form.append("query", query);
  const n = files.length + pasted;
  setBusy(`Building the briefing from ${n} article${n === 1 ? "" : "s"}…`);
  try {
    const brief = await api("/api/brief", { method: "POST", body: form });
    render(brief);
    $("status").textContent = "";
    // Unreadable articles were left out, as the command line leaves them out: say which.
    if (brief.skipped && brief.skipped.length) showError(`Left out: ${brief.skipped.join("; ")}`);
  } catch (err) {
    showError(err.message);
  } finally {
    setBusy("");
  }
}

async function loadStories() {
  const select = $("story-select");
  const note = $("story-note");
  select.replaceChildren();
  try {
    const data = await api("/api/stories");
    if (!data.store) {
      select.append(el("option", null, "No story store"));
      note.textContent = "This server was started without a story store.";
      return;
    }
    if (data.stories.length === 0) {
      select.append(el("option", null, "No stored stories yet"));
      note.textContent = "The store is empty; add articles through POST /api/articles.";
      return;
    }
    for (const info of data.stories) {
      const option = el("option", null, storyLabel(info));
      option.value = String(info.id);
      select.append(option);
    }
    select.disabled = false;
    $("story-submit").disabled = false;
  } catch (err) {
    select.append(el("option", null, "Stories unavailable"));
    note.textContent = err.message;
  }
}

/** "Title (3 articles: CNN, NPR)" from a StoryInfo of the store. */
function storyLabel(info) {
  const name = info.title || `Story ${info.id}`;
  const parts = [];
  if (typeof info.size === "number") parts.push(`${info.size} article${info.size === 1 ? "" : "s"}`);
  if (Array.isArray(info.sources) && info.sources.length > 0) {
    parts.push(info.sources.slice(0, 4).join(", ") + (info.sources.length > 4 ? ", …" : ""));
  }
  return parts.length > 0 ? `${name} (${parts.join(": ")})` : name;
}

async function submitStory(event) {
  event.preventDefault();
  const id = $("story-select").value;
  if (busy || !id) return;
  showError("");
  setBusy("Building the briefing of the stored story…");
  try {
    const params = new URLSearchParams();
    const days = Number($("story-since").value);
    if (days > 0) params.set("since", new Date(Date.now() - days * 86400000).toISOString());
    const query = $("query").value.trim();
    if (query) params.set("query", query);
    const qs = params.toString();
    render(await api(`/api/stories/${encodeURIComponent(id)}/brief${qs ? `?${qs}` : ""}`));
    $("status").textContent = "";
  } catch (err) {
    showError(err.message);
  } finally {
    setBusy("");
  }
}

// --- wiring ---------------------------------------------------------------------------------

// A module script runs after the document is parsed, so the elements are all there.
$("brief-form").addEventListener("submit", submitArticles);
$("story-form").addEventListener("submit", submitStory);
$("add-paste").addEventListener("click", addPaste);
$("story-select").addEventListener("change", () => {
  $("story-submit").disabled = busy || !$("story-select").value;
});
installPopoverHandlers();
loadStories();
