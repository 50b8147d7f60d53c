"""The record's pages and routes over the real record (built once from ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.web.conftest import Client
from unsc.web import create_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(record_db: Path) -> Client:
    return Client(create_app(record_db))


def test_resolution_2690_ended_minusma_unanimously(real: Client) -> None:
    # Res. 2690 (2023), 30 Jun 2023, 15-0-0: MINUSMA terminated (SC/15341).
    d = real.get("/api/resolutions/2690").json()
    assert d["date"] == "2023-06-30"
    assert (d["yes"], d["no"], d["abstain"]) == (15, 0, 0)
    assert d["board"]["decision"]["outcome"] == "adopted"
    assert d["board"]["agrees"] is True
    assert len(d["board"]["seats"]) == 15


def test_mali_sanctions_draft_page(real: Client) -> None:
    # S/2023/638, 30 Aug 2023: vetoed by the Russian Federation, 13-1-1.
    r = real.get("/drafts/S/2023/638")
    assert r.status_code == 200
    page = BeautifulSoup(r.text, "html.parser")
    rus = [li for li in page.select("li.seat") if "RUS" in li.get_text()]
    assert rus and "vote-no" in rus[0]["class"]
    assert "but permanent member RUS voted no" in page.select_one(".explanation").get_text()
    rehearse = page.select_one("#rehearse")["href"]
    assert "no=RUS" in rehearse and "abstain=CHN" in rehearse


def test_resolution_82_ussr_seat_did_not_vote(real: Client) -> None:
    # Res. 82 (1950), 25 Jun 1950, adopted without the USSR (Gross, 60 Yale LJ 209, 1951).
    d = real.get("/api/resolutions/82").json()
    assert d["votes"]["SUN"] in ("absent", "not_voting")
    assert d["board"]["decision"]["outcome"] == "adopted"
    assert d["board"]["decision"]["required"] == 7


def test_vetoes_summary_ussr_first(real: Client) -> None:
    # The USSR cast the most vetoes of any member, nearly all before 1970 (UN Library veto list).
    d = real.get("/api/vetoes/summary").json()
    assert d["by_member"][0]["member"] == "SUN"
    decades = {row["decade"]: row["vetoes"] for row in d["by_decade"]}
    assert decades["1940s"].get("SUN", 0) > 20
    assert sum(row["drafts"] for row in d["by_topic"]) == d["drafts_vetoed"]
    page = BeautifulSoup(real.get("/vetoes").text, "html.parser")
    assert page.select_one('a[href="/drafts/S/2023/638"]') is not None


def test_member_page_charts_agreement_with_permanent_members(real: Client) -> None:
    d = real.get("/api/members/FRA").json()
    assert set(d["agreement"]) == {"CHN", "RUS", "GBR", "USA"}
    assert d["total_votes"] > 2000
    page = BeautifulSoup(real.get("/members/FRA").text, "html.parser")
    chart = page.select_one("svg#agreement, svg[aria-labelledby='agreement-title']")
    assert chart is not None and len(chart.select("path")) == 4


def test_search_goes_straight_to_a_draft(real: Client) -> None:
    r = real.get("/search?q=s/2023/638")
    assert r.status_code == 303 and r.headers["location"] == "/drafts/S/2023/638"
    listed = real.get("/api/search?q=Mali&limit=5").json()
    assert 0 < len(listed) <= 5


def test_vetoes_follow_the_library_unless_asked(real: Client) -> None:
    # 1955: the Library's list has one veto (S/3510, Japan, 15 Dec, S/PV.706); the record adds
    # the 16 vetoes of 13 Dec (FRUS 1955-57 XI, docs. 219, 229) and the Japan amendment of
    # 14 Dec (S/PV.705), flagged outside the Library's lists.
    listed = real.get("/api/vetoes?since=1955&until=1955").json()
    every = real.get("/api/vetoes?since=1955&until=1955&include_unlisted=true").json()
    assert [v["symbol"] for v in listed] == ["S/3510"]
    assert len(every) == 18
    assert {v["ref"] for v in every if not v["in_library_lists"]} >= {"S/PV.704#MNG"}
    (y1955,) = real.get("/api/stats?since=1955&until=1955").json()
    (all1955,) = real.get("/api/stats?since=1955&until=1955&include_unlisted=true").json()
    assert (y1955["vetoed"], all1955["vetoed"]) == (1, 18)
    summary = real.get("/api/vetoes/summary?include_unlisted=true").json()
    assert "TWN" in {r["member"] for r in summary["by_member"]}
    assert "TWN" not in {r["member"] for r in real.get("/api/vetoes/summary").json()["by_member"]}
    page = BeautifulSoup(real.get("/vetoes?include_unlisted=true").text, "html.parser")
    link = page.select_one('a[href="/drafts/S/PV.704%23MNG"]')
    assert link is not None
    assert real.get(link["href"]).status_code == 200
