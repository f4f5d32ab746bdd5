"""Debian's chromium through Playwright (never a downloaded browser), for the page tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Headless, and nothing that phones home: the test network refuses Chromium's background
# connections, which would otherwise stall or spam the log.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch_chromium() -> Iterator[object]:
    """Yield a Playwright Browser; skip loudly when Debian's chromium is not installed."""
    if not Path(CHROMIUM).exists():
        hint = "run `make browser` (apt-get install chromium)"
        pytest.skip(f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing; {hint}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: object, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (kept by CI) and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path
