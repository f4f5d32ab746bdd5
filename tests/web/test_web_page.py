"""The page in Debian's chromium against a real uvicorn on loopback, with the fake builder.

These check the page's own behaviour (rendering, citations, conflicts, errors, escaping); the
real-model run of the Munich example is in ``test_web_munich.py``.
"""

from __future__ import annotations

import pytest
from web_browser import launch_chromium, screenshot
from web_fakes import MUNICH, CountingBuilder, FakeStore

from newsfuse.embed import HashingEmbedder
from newsfuse.models import Article, Story
from newsfuse.web import WebLimits, create_app
from newsfuse.web.server import running_server

pytestmark = pytest.mark.browser

HOSTILE = (
    "Officials said <script>window.__xss = 1</script> 17 nations met in Munich.\n\n"
    'A photo <img src=x onerror="window.__xss = 2"> was shared by 20 delegates.\n\n'
    'Officials posted details at <a href="javascript:window.__xss = 3">this link</a> or '
    "[here](javascript:window.__xss=4) today."
)


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def server():
    hostile = Article(
        id="evil",
        text=HOSTILE,
        source='<b onmouseover="window.__xss=5">Evil Daily</b>',
        title="<script>window.__xss=6</script>",
        url="javascript:window.__xss=7",
    )
    plain = Article(
        id="good",
        text="About 20 nations met in Munich on Thursday.",
        source="Good Times",
        url="https://example.org/a?x=<y>",
    )
    store = FakeStore([Story("st1", (hostile, plain), "Stored <i>story</i>")])
    builder = CountingBuilder()
    app = create_app(
        limits=WebLimits(max_body_bytes=256 * 1024),
        brief_builder=builder,
        embedder=HashingEmbedder(),
        store=store,
    )
    with running_server(app) as url:
        yield url, builder


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.errors, pg.dialogs = errors, dialogs
    # Anything not served by our loopback server is a bug (a CDN, a font, a tracker).
    outside: list[str] = []
    pg.on(
        "request",
        lambda r: outside.append(r.url)
        if not r.url.startswith(server[0]) and not r.url.startswith("data:")
        else None,
    )
    pg.outside = outside
    pg.goto(server[0] + "/")
    yield pg
    context.close()


def _submit_munich(page):
    page.set_input_files("#files", [str(MUNICH / "cnn.txt"), str(MUNICH / "npr.txt")])
    with page.expect_response("**/api/brief") as info:
        page.click("#submit")
    response = info.value
    assert response.status == 200, response.text()
    page.wait_for_selector("#brief:not([hidden])")
    return response.json()


def test_munich_upload_renders_cited_summary_and_conflicts(page):
    brief = _submit_munich(page)
    assert page.locator("#brief-title").is_visible()
    sources = page.locator("#sources li")
    assert sources.count() == 2
    # Every summary sentence is shown, each followed by its citation buttons.
    sentences = page.locator("#summary .sentence")
    assert sentences.count() == len(brief["summary"]["sentences"]) > 0
    n_cites = sum(len(s["citations"]) for s in brief["summary"]["sentences"])
    assert page.locator("#summary button.cite").count() == n_cites
    # Conflicts: one two-column table each, the differing values highlighted.
    assert len(brief["conflicts"]) >= 1
    tables = page.locator("table.conflict")
    assert tables.count() == len(brief["conflicts"])
    first = brief["conflicts"][0]
    assert tables.first.locator("thead th").count() == 2
    marks = tables.first.locator("tbody tr").first.locator("mark.diff")
    assert marks.all_text_contents() == [first["span_a"], first["span_b"]]
    # Single-source facts, grouped per outlet; long groups fold the rest into <details>.
    single = [c for c in brief["claims"] if c["coverage"] == "one"]
    assert page.locator("#single li").count() == len(single) > 8
    more = page.locator("#single details.more").first
    assert more.get_attribute("open") is None
    more.locator("summary").click()
    assert more.get_attribute("open") == ""
    assert page.errors == [] and page.outside == []
    screenshot(page, "web-munich-fake.png")


def test_citation_popover_shows_the_source_sentence_on_hover_and_click(page):
    brief = _submit_munich(page)
    cited = brief["summary"]["sentences"][0]["citations"][-1]
    sentence = next(
        s
        for s in brief["sentences"]
        if s["article_id"] == cited["article_id"] and s["index"] == cited["sentence_index"]
    )
    button = page.locator("#summary button.cite").nth(
        len(brief["summary"]["sentences"][0]["citations"]) - 1
    )
    button.hover()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert popover.locator("blockquote").text_content() == sentence["text"]
    outlet = next(a for a in brief["story"]["articles"] if a["id"] == cited["article_id"])
    assert (outlet["source"] or outlet["title"] or outlet["id"]) in popover.text_content()
    page.mouse.move(0, 0)
    popover.wait_for(state="hidden")
    # A click pins it open; a second click closes it.
    button.click()
    popover.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    page.mouse.move(0, 0)
    assert popover.is_visible()
    button.click()
    popover.wait_for(state="hidden")


def test_citations_are_reachable_by_keyboard(page):
    _submit_munich(page)
    first = page.locator("#summary button.cite").first
    first.focus()
    page.locator("#popover").wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    page.keyboard.press("Escape")
    page.locator("#popover").wait_for(state="hidden")
    page.keyboard.press("Tab")  # the next citation button is the next stop
    assert page.evaluate("document.activeElement.classList.contains('cite')")


def test_hostile_pasted_article_is_shown_as_text(page):
    page.fill("#paste-source-1", "<b>Bold Outlet</b>")
    page.fill("#paste-text-1", HOSTILE)
    page.click("#add-paste")
    page.fill("#paste-text-2", "Only 12 nations met in Munich.\n\nThe talks went on.")
    with page.expect_response("**/api/brief") as info:
        page.click("#submit")
    assert info.value.status == 200
    page.wait_for_selector("#brief:not([hidden])")
    brief_text = page.locator("#brief").text_content()
    for fragment in (
        "<script>window.__xss = 1</script>",
        '<img src=x onerror="window.__xss = 2">',
        '<a href="javascript:window.__xss = 3">this link</a>',
        "[here](javascript:window.__xss=4)",
        "<b>Bold Outlet</b>",
    ):
        assert fragment in brief_text
    _assert_inert(page)
    screenshot(page, "web-hostile-text.png")


def test_hostile_stored_story_is_shown_as_text(page):
    select = page.locator("#story-select")
    # (Waits use selectors: the page's CSP rightly refuses Playwright's string evaluation.)
    page.wait_for_selector("#story-select:not([disabled])")
    assert select.locator("option").all_text_contents() == ["Stored <i>story</i> (2 articles)"]
    with page.expect_response("**/api/stories/st1/brief") as info:
        page.click("#story-submit")
    assert info.value.status == 200
    page.wait_for_selector("#brief:not([hidden])")
    assert page.locator("#brief-title").text_content() == "Stored <i>story</i>"
    sources = page.locator("#sources")
    assert '<b onmouseover="window.__xss=5">Evil Daily</b>' in sources.text_content()
    # The javascript: URL is not a link; the https one is, and keeps its query verbatim.
    links = sources.locator("a")
    assert links.count() == 1
    assert links.first.get_attribute("href").startswith("https://example.org/a?x=")
    _assert_inert(page)


def _assert_inert(page):
    for el in page.locator("#brief button.cite").all():
        el.hover()
    assert page.evaluate("document.title") == "newsfuse"  # evaluation itself works...
    assert page.evaluate("window.__xss") is None  # ...and no injected code ever ran
    assert page.locator("#brief img, #brief script, #brief i, #brief b[onmouseover]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_api_errors_are_shown_and_the_server_keeps_serving(page, server):
    page.click("#submit")
    error = page.locator("#error")
    assert error.is_visible() and "Add at least one article" in error.text_content()
    # Over the 256 KiB body limit: the page shows the server's 413 message.
    big = {"name": "huge.txt", "mimeType": "text/plain", "buffer": b"word " * 60_000}
    page.set_input_files("#files", [big])
    with page.expect_response("**/api/brief") as info:
        page.click("#submit")
    assert info.value.status == 413
    error.wait_for(state="visible")
    assert error.text_content().startswith("413: request body is larger than")
    assert not page.locator("#submit").is_disabled()
    # Malformed (a word budget of 0): 422, shown as such.
    page.set_input_files("#files", [str(MUNICH / "cnn.txt")])
    page.fill("#words", "0")
    with page.expect_response("**/api/brief") as info:
        page.click("#submit")
    assert info.value.status == 422
    page.wait_for_selector("#error:text-matches('^422: ')")
    assert "words must be between" in page.locator("#error").text_content()
    # And it still serves a good request.
    page.fill("#words", "")
    _submit_munich(page)
    assert page.locator("#error").is_hidden()
    screenshot(page, "web-after-errors.png")


def test_loading_state_while_building(page, server):
    _, builder = server
    builder.delay = 0.6
    try:
        page.set_input_files("#files", [str(MUNICH / "cnn.txt")])
        page.click("#submit")
        page.wait_for_selector("body.busy")
        assert page.locator("#submit").is_disabled()
        assert "Building the briefing" in page.locator("#status").text_content()
        page.wait_for_selector("#brief:not([hidden])")
        assert not page.locator("#submit").is_disabled()
        assert page.locator("body.busy").count() == 0
    finally:
        builder.delay = 0.0


def test_a_single_article_says_there_is_nothing_to_compare(page):
    page.fill("#paste-text-1", "Ministers met in Munich on Thursday.\n\nThey agreed on 3 points.")
    page.click("#submit")
    page.wait_for_selector("#brief:not([hidden])")
    assert "Only one source" in page.locator("#conflicts").text_content()
    assert "Only one source" in page.locator("#single").text_content()
    assert page.locator("#summary button.cite").all_text_contents() == ["[1]"]


def test_no_store_is_handled_gracefully(browser):
    app = create_app(brief_builder=CountingBuilder(), embedder=HashingEmbedder())
    with running_server(app) as url:
        context = browser.new_context()
        pg = context.new_page()
        pg.goto(url + "/")
        note = pg.locator("#story-note")
        pg.wait_for_selector("#story-note:text-matches('.')")
        assert "without a story store" in note.text_content()
        assert pg.locator("#story-select").is_disabled()
        assert pg.locator("#story-submit").is_disabled()
        context.close()
