"""Fifteen delegations vote through the pages in headless Chromium; every screen shows the
same decision. Driven with Playwright on Debian's /usr/bin/chromium (no browser download)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.sessions.conftest import Api, Server
from tests.web.test_browser import ARGS, CHROMIUM, shot

pytestmark = pytest.mark.browser

EXPECTED = "vetoed: 13 in favour (9 required), but permanent member RUS voted no"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def test_fifteen_delegations_vote_and_every_screen_shows_the_decision(
    chromium: Any, api: Api, server: Server, backend: str
) -> None:
    from playwright.sync_api import expect

    # S/2023/638 (30 Aug 2023): 13 in favour, Russia against, China abstaining: vetoed.
    title = "<b>Mali</b> sanctions & <script>alert(1)</script>"
    s = api.create("2023-08-30", title=title, agenda="The situation in Mali")
    links = s["links"]
    contexts = []

    def open_page(link: str, **options: Any) -> Any:
        ctx = chromium.new_context(**options)
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(link.replace("http://testserver", server.url))
        return page

    try:
        chair = open_page(links["chair"])
        projector = open_page(links["projector"])
        delegations = {}
        for code, link in links["delegations"].items():
            phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True}
            delegations[code] = open_page(link, **(phone if code == "MOZ" else {}))
        screens = [chair, projector, *delegations.values()]
        for page in screens:
            page.wait_for_selector("#session[data-live='1']", timeout=30_000)
            assert page.locator("#session-title").inner_text() == title  # shown as text
        assert chair.locator("#whoami").inner_text() == "You are the chair."

        # The chair puts the draft to the vote through the page.
        chair.fill("#q-title", "S/2023/638")
        chair.click("#add-question button[type=submit]")
        chair.click("button[data-action=open][data-question='1']")
        for code, page in delegations.items():
            page.wait_for_selector("#vote:not([hidden])", timeout=15_000)
            vote = {"RUS": "no", "CHN": "abstain"}.get(code, "yes")
            button = page.locator(f"#vote button[data-vote={vote}]")
            if code == "JPN":  # by keyboard
                button.focus()
                page.keyboard.press("Enter")
            else:
                button.click()
            # Playwright's assertions, not string evaluation (the pages' CSP forbids eval)
            expect(page.locator("#my-vote")).to_have_text(re.compile(r"^Recorded"))
        expect(chair.locator("#tally")).to_contain_text(
            "13 yes, 1 no, 1 abstaining; every delegation present has voted", timeout=15_000
        )
        assert projector.locator("#tally").get_attribute("aria-live") == "polite"
        shot(delegations["MOZ"], f"session-phone-{backend_name(backend)}")

        # The projector loses its connection; the chair closes meanwhile.
        projector.context.set_offline(True)
        chair.click("button[data-action=close][data-question='1']")
        for page in [chair, *delegations.values()]:
            expect(page.locator("#decision .explanation")).to_have_text(EXPECTED, timeout=15_000)
        projector.context.set_offline(False)  # reconnects by itself and resyncs
        expect(projector.locator("#decision .explanation")).to_have_text(EXPECTED, timeout=30_000)
        for page in screens:
            assert page.locator("#decision").get_attribute("data-outcome") == "vetoed"
            assert page.locator("#decision .explanation").inner_text() == EXPECTED
        shot(projector, f"session-projector-{backend_name(backend)}")
        shot(chair, f"session-chair-{backend_name(backend)}")
    finally:
        for ctx in contexts:
            ctx.close()


def backend_name(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"
