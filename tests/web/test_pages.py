"""The pages render what their JSON twins hold, and stay usable without the record."""

from __future__ import annotations

from bs4 import BeautifulSoup

from tests.web.conftest import Client


def soup(client: Client, url: str, status: int = 200) -> BeautifulSoup:
    r = client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return BeautifulSoup(r.text, "html.parser")


def test_home_lists_the_council_and_links_its_twin(bare: Client) -> None:
    page = soup(bare, "/?date=2023-06-15")
    rows = page.select("table.members tbody tr")
    assert len(rows) == 15
    assert "United Arab Emirates" in page.select_one("tr.president").get_text()
    twin = page.select_one("a.twin")["href"]
    assert twin == "/api/council?date=2023-06-15"
    assert bare.get(twin).json()["president"]["code"] == "ARE"


def test_simulator_seats_are_buttons(bare: Client) -> None:
    page = soup(bare, "/simulate?date=2023-08-30&no=RUS&abstain=CHN")
    seats = page.select("#sim button.seat")
    assert len(seats) == 15
    votes = {b["data-id"]: b["data-vote"] for b in seats}
    assert votes["RUS"] == "no" and votes["CHN"] == "abstain" and votes["FRA"] == "yes"
    assert "vetoed" in page.select_one("#outcome").get_text()
    assert page.select_one("#outcome")["aria-live"] == "polite"


def test_simulator_every_control_has_a_label(bare: Client) -> None:
    page = soup(bare, "/simulate")
    for control in page.select("input, select"):
        assert page.select_one(f'label[for="{control["id"]}"]') is not None, control


def test_simulator_falls_back_to_seats_for_a_bigger_council(bare: Client) -> None:
    page = soup(bare, "/simulate?date=2023-08-30&council=g4-2005")
    assert len(page.select("#sim button.seat")) == 25
    assert "25 seats" in page.select_one(".notice").get_text()


def test_bad_date_is_an_error_page_not_a_crash(bare: Client) -> None:
    page = soup(bare, "/?date=someday", status=422)
    assert "someday" in page.get_text()


def test_unknown_page_is_a_404_page(bare: Client) -> None:
    page = soup(bare, "/no/such/page", status=404)
    assert "no page or route" in page.get_text()
