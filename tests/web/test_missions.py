"""Missions, mandates and voting power over HTTP, with and without the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.web.conftest import Client


def test_minusma_mission_chain(bare: Client) -> None:
    # Res. 2100 (2013) established MINUSMA with 11,200 military and 1,440 police; res. 2690
    # (2023) terminated it on 30 Jun 2023 (SC/15341).
    d = bare.get("/api/missions/minusma").json()
    assert d["acronym"] == "MINUSMA"
    first = d["resolutions"][0]
    assert (first["number"], first["date"], first["military"], first["police"]) == (
        2100,
        "2013-04-25",
        11200,
        1440,
    )
    assert d["terminated_by"]["number"] == 2690
    assert any(e["kind"] == "withdrawal_request" for e in d["consent_events"])


def test_minusma_page_shows_its_timeline(bare: Client) -> None:
    page = BeautifulSoup(bare.get("/missions/MINUSMA").text, "html.parser")
    chart = page.select_one("figure.timeline svg")
    assert chart is not None
    labels = {t.get_text() for t in chart.select("text")}
    assert {"2100", "2640", "Mandates", "Consent"} <= labels
    assert page.select_one('a[href="/resolutions/2690"]') is not None


def test_minusma_case_page(bare: Client) -> None:
    r = bare.get("/minusma")
    assert r.status_code == 200
    page = BeautifulSoup(r.text, "html.parser")
    assert page.select("figure.timeline svg")
    assert len(page.select("article.option")) >= 3  # the SG's three options (S/2023/36)
    case = bare.get("/api/minusma").json()
    assert case["decision"]["replay"]["outcome"] == "adopted"
    assert case["decision"]["without_decision"]["state"] == "lapsed"


def test_unknown_mission_is_404(bare: Client) -> None:
    r = bare.get("/api/missions/NOPE")
    assert r.status_code == 404 and r.json()["field"] == "acronym"
    assert bare.get("/missions/NOPE").status_code == 404


def test_mandates_due_are_in_the_window(bare: Client) -> None:
    d = bare.get("/api/mandates/due?on=2025-01-01&within=365").json()
    ends = [date.fromisoformat(x["mandate_end"]) for x in d["due"]]
    assert ends == sorted(ends)
    assert all(date(2025, 1, 1) <= e <= date(2026, 1, 1) for e in ends)
    assert bare.get("/api/mandates/due?within=-1").status_code == 422


def test_minusma_votes_come_from_the_record(mini: Client) -> None:
    # The small record holds res. 2640 (13-0-2, China and Russia abstaining).
    d = mini.get("/api/missions/MINUSMA").json()
    renewal = next(r for r in d["resolutions"] if r["number"] == 2640)
    assert renewal["vote"] == "13-0-2"
    assert sorted(renewal["abstainers"]) == ["CHN", "RUS"]


def test_power_comparison_matches_the_literature(bare: Client) -> None:
    # Shapley-Shubik 421/2145 per permanent seat and 4/2145 per elected seat on the Council of
    # fifteen (the method of Shapley & Shubik, APSR 48 (1954) 787-92); normalised Banzhaf
    # 0.1669 per permanent seat, 16.5% for the elected seats together; "a veto needs two"
    # raises the power to act to about 0.123.
    rows = {r["council"]: r for r in bare.get("/api/power").json()}
    assert len(rows) == 9
    today = {k["kind"]: k for k in rows["council-1966"]["kinds"]}
    assert today["permanent"]["per_seat_exact"] == "421/2145"
    assert today["elected"]["per_seat_exact"] == "4/2145"
    assert rows["veto-needs-two"]["power_to_act"] == pytest.approx(0.123, abs=1e-3)
    (bz,) = bare.get("/api/power?compare=council-1966&index=banzhaf").json()
    kinds = {k["kind"]: k for k in bz["kinds"]}
    assert kinds["permanent"]["per_seat"] == pytest.approx(0.1669, abs=1e-4)
    assert kinds["elected"]["share"] == pytest.approx(0.165, abs=1e-3)
    one = bare.get("/api/power?council=council-1966&index=banzhaf").json()
    assert len(one) == 15 and {"player", "index", "value"} <= set(one[0])
    assert bare.get("/api/power?council=nope").status_code == 422


def test_power_is_the_cli(bare: Client) -> None:
    from tests.web.test_api import cli_json

    api = bare.get("/api/power?compare=council-1966,g4-2005&index=banzhaf").json()
    cli = cli_json("power", "--compare", "council-1966,g4-2005", "--index", "banzhaf")
    assert api == cli


def test_power_page_has_its_charts(bare: Client) -> None:
    page = BeautifulSoup(bare.get("/power").text, "html.parser")
    assert len(page.select("svg.chart")) == 2
    assert "G4 proposal 2005" in page.get_text()


def test_home_lists_mandates_due(bare: Client) -> None:
    page = BeautifulSoup(bare.get("/?date=2025-06-01").text, "html.parser")
    section = page.select_one("#due-h").find_parent("section")
    assert section.select('a[href^="/missions/"]')


def test_minusma_timeline_shows_ceilings_and_split_votes(mini: Client) -> None:
    # Ceilings: 11,200 from res. 2100 (2013), 13,289 from res. 2295 (2016); res. 2640 (2022)
    # was adopted 13-0-2 (SC/14953).
    page = BeautifulSoup(mini.get("/missions/MINUSMA").text, "html.parser")
    labels = {t.get_text() for t in page.select("figure.timeline svg text")}
    assert {"Troop ceiling", "11,200", "13,289", "Split votes", "13-0-2"} <= labels


def test_mission_and_mandates_are_the_cli(mini: Client, mini_db: Path) -> None:
    from tests.web.test_api import cli_json

    api = mini.get("/api/missions/MINUSMA").json()
    cli = cli_json("mission", "MINUSMA", "--db", str(mini_db))
    assert api == cli
    api = mini.get("/api/mandates/due?on=2025-06-01&within=200").json()
    cli = cli_json("mandates", "due", "--on", "2025-06-01", "--within", "200", "--db", str(mini_db))
    assert api == cli
