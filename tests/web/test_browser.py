"""The pages in headless Chromium: the vote simulator, keyboard use, phone layout, screenshots."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tests.web.conftest import ARTIFACTS
from unsc.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(mini_db: Path) -> Iterator[str]:
    """The application over the small record, served by uvicorn on a loopback port."""
    port = _free_port()
    config = uvicorn.Config(create_app(mini_db), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_simulator_flips_a_draft_from_adopted_to_vetoed(server: str, browser: object) -> None:
    # Res. 2690 (2023), adopted 15-0-0 (SC/15341): rehearse it, then set Russia's seat to "no".
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/resolutions/2690")
    assert "adopted" in page.locator(".outcome .verdict").inner_text().lower()
    shot(page, "resolution-2690")
    page.click("#rehearse")
    page.wait_for_url("**/simulate?**")
    assert page.locator("#outcome .verdict strong").inner_text() == "Adopted"
    page.click('button.seat[data-id="RUS"]')
    page.wait_for_selector('#sim[data-outcome="vetoed"]')
    assert page.locator("#outcome .verdict strong").inner_text() == "Vetoed"
    assert "RUS voted no" in page.locator("#outcome .explanation").inner_text()
    assert page.locator('button.seat[data-id="RUS"] .vote').inner_text().lower() == "no"
    assert "no=RUS" in page.url  # the state of the board is in the address, to share it
    shot(page, "simulator-vetoed")
    page.close()


def test_simulator_forecasts_the_seats_not_set(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/simulate?date=2023-08-30&agenda=The+situation+in+Mali")
    page.click('button.seat[data-id="RUS"]')  # yes -> no: the user sets Russia's vote
    page.wait_for_selector('#sim[data-outcome="vetoed"]')
    page.click("#forecast-form button[type=submit]")
    page.wait_for_selector(  # a selector, not script: the page's CSP forbids eval
        '#sim[data-forecast="done"], #sim[data-forecast="error"]', timeout=180_000
    )
    text = page.locator("#forecast-body").inner_text()
    assert "Adopted 0%" in text and "RUS" in text, text
    assert page.locator('button.seat[data-id="RUS"] .odds').inner_text() == ""
    assert "yes" in page.locator('button.seat[data-id="FRA"] .odds').inner_text()
    shot(page, "simulator-forecast")
    page.close()


def test_simulator_works_from_the_keyboard(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/simulate?date=2023-08-30")
    seat = page.locator('button.seat[data-id="CHN"]')
    seat.focus()
    page.keyboard.press("Enter")  # yes -> no
    page.wait_for_selector('#sim[data-outcome="vetoed"]')
    page.keyboard.press("Space")  # no -> abstain: an abstention is not a veto
    page.wait_for_selector('#sim[data-outcome="adopted"]')
    assert "abstain" in seat.inner_text().lower()
    page.close()


def test_seat_text_has_enough_contrast(server: str, browser: object) -> None:
    # WCAG 2.1 AA, 1.4.3: at least 4.5:1 between text and background, for every vote colour.
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/simulate?date=2023-08-30&no=RUS&abstain=CHN&not_voting=FRA&absent=GBR")
    ratios = page.evaluate(
        """() => {
        const rgb = (s) => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = (c) => {
          const [r, g, b] = c.map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        return Array.from(document.querySelectorAll('button.seat')).map((b) => {
          const st = getComputedStyle(b);
          const a = lum(rgb(st.color)), c = lum(rgb(st.backgroundColor));
          return [b.dataset.vote, (Math.max(a, c) + 0.05) / (Math.min(a, c) + 0.05)];
        });
      }"""
    )
    assert {v for v, _ in ratios} == {"yes", "no", "abstain", "not_voting", "absent"}
    assert all(r >= 4.5 for _, r in ratios), ratios
    page.close()


def test_pages_fit_a_phone(server: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page = context.new_page()
    for path, name in (
        ("/?date=2023-06-15", "phone-home"),
        ("/simulate?date=2023-08-30&no=RUS", "phone-simulator"),
        ("/vetoes", "phone-vetoes"),
        ("/members/RUS", "phone-member"),
        ("/minusma", "phone-minusma"),
        ("/power", "phone-power"),
    ):
        page.goto(server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        shot(page, name)
    context.close()


def test_minusma_page_shows_its_timeline(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(f"{server}/minusma")
    timeline = page.locator("figure.timeline svg")
    assert timeline.is_visible()
    box = timeline.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 100
    # every mandate from res. 2100 (2013) to res. 2640 (2022) is a bar that links its page
    assert page.locator('figure.timeline a[href="/resolutions/2100"] rect.span').count() == 1
    assert page.locator("figure.timeline rect.span").count() >= 10
    assert page.locator("figure.timeline circle.event").count() >= 10
    assert (
        page.locator("ol.events li").count() == page.locator("figure.timeline circle.event").count()
    )
    shot(page, "minusma")
    page.goto(f"{server}/missions/MINUSMA")
    assert page.locator("figure.timeline svg").is_visible()
    shot(page, "mission-minusma")
    page.close()


def test_a_veto_leads_to_its_draft(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/vetoes")
    page.click('table a[href="/drafts/S/2023/638"]')
    page.wait_for_url("**/drafts/S/2023/638")
    assert "Vetoed" in page.locator(".outcome .verdict").inner_text()
    assert "vote-no" in (page.locator("li.seat", has_text="RUS").get_attribute("class") or "")
    page.close()


def test_reform_preset_needs_two_vetoes(server: str, browser: object) -> None:
    # "A veto needs two permanent members" (Gould & Rablen 2017): one no is not a veto.
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/simulate?council=veto-needs-two")
    page.click('button.seat[data-id="P-RUS"]')
    page.wait_for_selector('#sim[data-outcome="adopted"]')
    page.click('button.seat[data-id="P-CHN"]')
    page.wait_for_selector('#sim[data-outcome="vetoed"]')
    shot(page, "simulator-veto-needs-two")
    page.close()


def test_desktop_screenshots(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    for path, name in (
        ("/", "home"),
        ("/vetoes", "vetoes"),
        ("/members/RUS", "member-rus"),
        ("/drafts/S/2023/638", "draft-s-2023-638"),
        ("/power", "power"),
        ("/missions", "missions"),
    ):
        response = page.goto(server + path)
        assert response is not None and response.status == 200
        shot(page, name)
    page.close()


def test_api_docs_render_with_no_third_party_request(server: str, browser: object) -> None:
    # Before: /api/docs loaded Swagger UI from a CDN: blank offline, a third-party request online.
    page = browser.new_page()  # type: ignore[attr-defined]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".opblock", timeout=30_000)  # the operations are listed
    assert page.locator(".opblock").count() >= 15
    assert requested and all(url.startswith(server) for url in requested), requested
    shot(page, "api-docs")
    page.close()
