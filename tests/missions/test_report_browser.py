"""The MINUSMA report opens in headless Chromium and shows its timeline (screenshot saved)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from unsc.missions.case_minusma import build_case
from unsc.missions.report import write_case

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.mark.slow
def test_report_renders_the_timeline(record: sqlite3.Connection, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    page_file = write_case(build_case(record), tmp_path / "minusma.html")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "minusma_report.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            svg = page.locator("svg#timeline")
            assert svg.is_visible()
            box = svg.bounding_box()
            assert box is not None and box["width"] > 800 and box["height"] > 200
            # Eleven resolutions, ten of them with a mandate period drawn; phases; events.
            assert page.locator("svg#timeline rect.mandate").count() == 10
            assert page.locator("svg#timeline rect.phase").count() == 5
            assert page.locator("svg#timeline circle.event").count() >= 15
            assert "13-0-2" in page.inner_text("body")
            svg.screenshot(path=str(ARTIFACTS / "minusma_timeline.png"))
            page.screenshot(path=str(shot), full_page=True)
            # Self-contained: the page loads nothing but itself.
            assert requests == [page_file.as_uri()]
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
