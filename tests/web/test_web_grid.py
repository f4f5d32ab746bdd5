"""The coverage grid and timeline strip in Debian's chromium: the web page (against a real
uvicorn on loopback, with a builder that returns a small hand-made brief) and the HTML briefing
(its file loaded as is). States, keyboard order, citations and escaping of hostile text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from web_browser import launch_chromium, screenshot

from newsfuse.compare.brief.coverage import coverage_grid
from newsfuse.embed import HashingEmbedder
from newsfuse.models import (
    Article,
    Brief,
    Claim,
    Conflict,
    Quote,
    Sentence,
    Story,
    Summary,
    TimelineEvent,
)
from newsfuse.report.brief_html import to_html
from newsfuse.web import create_app
from newsfuse.web.server import running_server

pytestmark = pytest.mark.browser

EVIL_TITLE = '<img src=x onerror="window.__xss=1">Munich <script>window.__xss=2</script>'
EVIL_OUTLET = '<b onmouseover="window.__xss=3">Evil Daily</b>'
EVIL_QUOTE = '<svg onload="window.__xss=4"></svg> we will not stop'


def _s(aid: str, index: int, text: str) -> Sentence:
    return Sentence(aid, index, text, 0, len(text))


W0 = _s(
    "w", 0, "Ministers of 17 nations met in Munich on Thursday <script>window.__xss=5</script>."
)
W1 = _s("w", 1, "They agreed on a ceasefire to begin within a week.")
W2 = _s("w", 2, "Talks will resume in Geneva on Feb. 25.")
E0 = _s("e", 0, "Diplomats of 20 nations met in Munich on Thursday.")
E1 = _s("e", 1, "They agreed on a ceasefire to begin in a week.")
R0 = _s("r", 0, f"“{EVIL_QUOTE},” a Russian official said of the air strikes.")


def _brief() -> Brief:
    story = Story(
        "grid",
        (
            Article("w", " ".join(s.text for s in (W0, W1, W2)), EVIL_TITLE, "Wire"),
            Article("e", " ".join(s.text for s in (E0, E1)), source=EVIL_OUTLET),
            Article("r", R0.text, source="Radio", published=dt.datetime(2016, 2, 12)),
        ),
        EVIL_TITLE,
    )
    brief = Brief(
        story,
        Summary("grid", "newsfuse", 50, ()),
        claims=(
            Claim((W1, E1), ("w", "e"), "several"),
            Claim((W2,), ("w",), "one"),
            Claim((R0,), ("r",), "one"),
        ),
        conflicts=(
            Conflict(
                "quantity",
                W0,
                E0,
                "17",
                "20",
                reason=f"same fact: how many ({EVIL_TITLE}); Wire says 17",
            ),
        ),
        quotes=(Quote(EVIL_QUOTE, "<i>Official</i>", (R0,), ("r",)),),
        timeline=(
            TimelineEvent(dt.date(2016, 2, 11), "Thursday", W0),
            TimelineEvent(dt.date(2016, 2, 25), "Feb. 25", W2),
            TimelineEvent(dt.date(2016, 1, 1), "January", R0, granularity="month"),
        ),
        sentences=(W0, W1, W2, E0, E1, R0),
    )
    return replace(brief, coverage=coverage_grid(brief))


# Row by row, what each source's cell must say (Wire, Evil Daily, Radio).
STATES = [
    ["reports", "otherwise", "silent"],  # the conflict: 17 vs 20
    ["reports", "reports", "silent"],  # the shared ceasefire
    ["reports", "silent", "silent"],  # Wire alone: Geneva
    ["silent", "silent", "reports"],  # Radio alone: the quote
]
LABELS = [
    ["Wire: reports it (17)", f"{EVIL_OUTLET}: says otherwise (20)", "Radio: silent"],
    ["Wire: reports it", f"{EVIL_OUTLET}: reports it", "Radio: silent"],
    ["Wire: reports it", f"{EVIL_OUTLET}: silent", "Radio: silent"],
    ["Wire: silent", f"{EVIL_OUTLET}: silent", "Radio: reports it"],
]


def _builder(story: Story, settings: object, embedder: object, **focus: object) -> Brief:
    return _brief()


@pytest.fixture(scope="module")
def browser():
    yield from launch_chromium()


@pytest.fixture(scope="module")
def server():
    app = create_app(brief_builder=_builder, embedder=HashingEmbedder())
    with running_server(app) as url:
        yield url


def _watch(page, base: str):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None
        if r.url.startswith(base) or r.url.startswith("data:")
        else outside.append(r.url),
    )
    return errors, outside


def _grid_states(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll("table.grid tbody tr")].map((tr) =>
            [...tr.querySelectorAll("td .cell")].map((c) =>
                ["reports", "otherwise", "silent"].find((s) => c.classList.contains(s))))"""
    )


def _grid_labels(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll("table.grid tbody tr")].map((tr) =>
            [...tr.querySelectorAll("td .cell")].map((c) => c.getAttribute("aria-label")))"""
    )


def _tab_through_cells(page, first_selector: str) -> list[str]:
    """Focus the first cell, then Tab: the aria-labels of the elements focus lands on."""
    page.locator(first_selector).first.focus()
    seen = [page.evaluate("document.activeElement.getAttribute('aria-label')")]
    for _ in range(11):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    return seen


def _assert_inert(page) -> None:
    for cell in page.locator("table.grid .cell").all():
        cell.hover()
    assert page.evaluate("window.__xss") is None
    assert page.locator("img, script:not([src]), b[onmouseover], svg[onload], i").count() == 0


def test_web_page_shows_the_grid_and_the_strip(browser, server):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors, outside = _watch(page, server)
    page.goto(server + "/")
    page.fill("#paste-text-1", "Any text: the test builder returns its own brief.")
    with page.expect_response("**/api/brief") as info:
        page.click("#submit")
    assert info.value.status == 200
    page.wait_for_selector("#brief:not([hidden])")

    table = page.locator("#grid table.grid")
    assert table.locator("caption").count() == 1
    heads = table.locator("thead th[scope=col]").all_text_contents()
    assert heads == ["Fact", "Wire [1]", f"{EVIL_OUTLET} [2]", "Radio [3]"]
    assert table.locator("tbody th[scope=row]").count() == len(STATES)
    first_row = table.locator("tbody th[scope=row]").first.text_content()
    assert first_row.startswith('how many (<img src=x onerror="window.__xss=1">Munich')
    assert first_row.endswith(": 17 vs 20")  # shown as text, clipped before the values
    assert _grid_states(page) == STATES
    labels = _grid_labels(page)
    assert [[x.removesuffix(": show the sentence") for x in row] for row in labels] == LABELS

    # Keyboard: Tab walks the cells row by row; a cell shows its sentence in the popover.
    seen = _tab_through_cells(page, "#grid table .cell")
    flat = [x for row in labels for x in row]
    assert seen == flat
    page.locator("#grid button.cell").first.focus()
    popover = page.locator("#popover")
    popover.wait_for(state="visible")
    assert W0.text in popover.text_content()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")

    strip = page.locator("#timeline-strip svg")
    assert strip.get_attribute("role") == "img"
    assert strip.get_attribute("aria-label").startswith(
        "Timeline of 3 dated events from 2016-01 to 2016-02-25"
    )
    assert strip.locator("circle").count() == 3
    assert page.locator("#timeline li").count() == 3  # the text version
    # The page draws the strip as the HTML briefing does.
    drawn = [c.get_attribute("cx") for c in strip.locator("circle").all()]
    assert drawn == re.findall(r'<circle class="[^"]*" cx="([^"]+)"', to_html(_brief()))

    _assert_inert(page)
    assert errors == [] and outside == []
    screenshot(page, "web-grid.png")
    context.close()


def test_html_briefing_grid_links_cells_to_sentences(browser, tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(to_html(_brief()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    errors, outside = _watch(page, path.as_uri())
    page.goto(path.as_uri())

    assert page.title() == EVIL_TITLE
    table = page.locator("table.grid")
    assert table.locator("caption").count() == 1
    assert table.locator("th[scope=row]").count() == len(STATES)
    assert _grid_states(page) == STATES
    assert _grid_labels(page) == LABELS
    seen = _tab_through_cells(page, "table.grid .cell")
    assert seen == [x for row in LABELS for x in row]

    # Following a cell lands on its sentence in the list of cited sentences.
    page.locator("table.grid tbody tr").nth(0).locator("a.cell").nth(1).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#s2-0"
    target = page.locator("li:target")
    assert target.count() == 1 and E0.text in target.text_content()

    strip = page.locator("svg.strip")
    assert strip.get_attribute("role") == "img"
    assert strip.locator("circle").count() == 3
    _assert_inert(page)
    assert errors == [] and outside == []
    screenshot(page, "html-grid.png")
    context.close()
