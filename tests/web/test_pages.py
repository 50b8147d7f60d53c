"""The pages render what their JSON twins hold, and stay usable without the record."""

from __future__ import annotations

from pathlib import Path

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


def test_without_the_record_pages_say_how_to_build_it(bare: Client) -> None:
    for url in ("/vetoes", "/resolutions/2690", "/members/FRA", "/drafts/S/2023/638"):
        page = soup(bare, url, status=503)
        assert "unsc record build" in page.select_one("pre").get_text()


def test_without_the_record_the_api_answers_503(bare: Client) -> None:
    r = bare.get("/api/resolutions/2690")
    assert r.status_code == 503
    assert r.json()["code"] == "no_record"
    assert "unsc record build" in r.json()["message"]


def test_resolution_page_shows_the_board_and_explanation(mini: Client) -> None:
    page = soup(mini, "/resolutions/2640")
    seats = page.select("li.seat")
    assert len(seats) == 15
    abstained = sorted(
        s.select_one(".code").get_text() for s in seats if "vote-abstain" in s["class"]
    )
    assert abstained == ["CHN", "RUS"]
    assert "adopted: 13 in favour (9 required)" in page.select_one(".explanation").get_text()
    assert page.select_one("a.twin")["href"] == "/api/resolutions/2640"


def test_search_redirects_numbers_and_codes(mini: Client) -> None:
    for q, target in (
        ("2690", "/resolutions/2690"),
        ("S/RES/2640 (2022)", "/resolutions/2640"),
        ("rus", "/members/RUS"),
    ):
        r = mini.get("/search", params={"q": q})
        assert r.status_code == 303 and r.headers["location"] == target


def test_resolution_page_links_its_mission(mini: Client) -> None:
    # Res. 2690 (2023) terminated MINUSMA: the page links the mission's page.
    page = soup(mini, "/resolutions/2690")
    assert page.select_one('a[href="/missions/MINUSMA"]') is not None
    assert page.select_one('a[href^="/search?q="]') is not None  # the agenda item


def test_record_routes_are_the_cli(mini: Client, mini_db: Path) -> None:
    from tests.web.test_api import cli_json

    db = ["--db", str(mini_db)]
    api = mini.get("/api/resolutions/2640").json()
    api.pop("board")  # the vote board and the engine's reading: the page's additions
    assert api == cli_json("resolution", "2640", *db)
    api = mini.get("/api/drafts/S/2023/638").json()
    api.pop("board")
    assert api == cli_json("draft", "S/2023/638", *db)
    assert mini.get("/api/vetoes").json() == cli_json("vetoes", *db)
    assert mini.get("/api/members/RUS/votes").json() == cli_json("votes", "--member", "RUS", *db)
