"""The JSON API: the CLI's functions and field names over HTTP, and one error shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.web.conftest import Client
from unsc.cli import build_app

ERROR_KEYS = {"status", "code", "message", "field"}


def cli_json(*args: str) -> object:
    result = CliRunner().invoke(build_app(), [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_decide_mali_sanctions_veto(bare: Client) -> None:
    # S/2023/638, 30 Aug 2023: 13-1-1, the Russian Federation against, China abstaining
    # (S/PV.9408: the veto that ended the Mali sanctions regime).
    r = bare.get("/api/decide", params={"date": "2023-08-30", "no": "RUS", "abstain": "CHN"})
    assert r.status_code == 200
    d = r.json()
    assert d["outcome"] == "vetoed"
    assert d["vetoed_by"] == ["RUS"]
    assert (d["yes"], d["no"], d["abstain"], d["required"]) == (13, 1, 1, 9)
    assert "RUS voted no" in d["explanation"]


def test_decide_minusma_2640_abstentions_are_not_vetoes(bare: Client) -> None:
    # Res. 2640 (2022), 29 Jun 2022, 13-0-2 with China and Russia abstaining (SC/14953).
    d = bare.get("/api/decide?date=2022-06-29&abstain=CHN,RUS").json()
    assert d["outcome"] == "adopted"
    assert d["tally"] == "13-0-2"
    assert d["vetoed_by"] == []


def test_decide_res_82_ussr_absent(bare: Client) -> None:
    # Res. 82 (1950), 25 Jun 1950: adopted 9-0-1 with the USSR absent and Yugoslavia
    # abstaining, on an eleven-member Council that needed seven votes (Charter Art. 27, 1945).
    d = bare.get("/api/decide?date=1950-06-25&absent=SUN&abstain=YUG").json()
    assert d["outcome"] == "adopted"
    assert (d["yes"], d["abstain"], d["absent"], d["required"]) == (9, 1, 1, 7)


def test_decide_procedural_matter_has_no_veto(bare: Client) -> None:
    # Art. 27(2): nine votes, no concurring votes of the permanent members.
    d = bare.get("/api/decide?date=2023-08-30&no=RUS,CHN&matter=procedural").json()
    assert d["outcome"] == "adopted"
    assert d["matter"] == "procedural"


def test_decide_reform_preset_by_seat(bare: Client) -> None:
    # "A veto needs two permanent members" (Gould & Rablen 2017): one "no" is not enough.
    one = bare.get("/api/decide?council=veto-needs-two&no=P-RUS").json()
    two = bare.get("/api/decide?council=veto-needs-two&no=P-RUS,P-CHN").json()
    assert one["outcome"] == "adopted"
    assert two["outcome"] == "vetoed"


def test_decide_is_the_cli(bare: Client) -> None:
    args = {"date": "2023-08-30", "no": "RUS", "abstain": "CHN"}
    api = bare.get("/api/decide", params=args).json()
    cli = cli_json("decide", "--date", "2023-08-30", "--no", "RUS", "--abstain", "CHN")
    assert api == cli


def test_council_is_the_cli(bare: Client) -> None:
    api = bare.get("/api/council?date=2023-06-15").json()
    cli = cli_json("council", "--date", "2023-06-15")
    assert isinstance(cli, dict)
    assert {k: api[k] for k in cli} == cli


def test_council_june_2023(bare: Client) -> None:
    # June 2023: the United Arab Emirates presided (rule 18 of S/96/Rev.7; https://www.un.org/securitycouncil/content/presidency).
    d = bare.get("/api/council?date=2023-06-15").json()
    assert d["size"] == 15
    assert d["president"]["code"] == "ARE"
    codes = {m["code"] for m in d["members"]}
    assert {"CHN", "FRA", "RUS", "GBR", "USA", "MLT", "MOZ", "CHE"} <= codes
    veto = [s["id"] for s in d["seats"] if s["veto"]]
    assert sorted(veto) == ["CHN", "FRA", "GBR", "RUS", "USA"]
    assert d["config"]["quota"] == 9


def test_council_1950_has_the_republic_of_china(bare: Client) -> None:
    # China's seat was held by the Republic of China until GA res. 2758 (XXVI), 25 Oct 1971.
    d = bare.get("/api/council?date=1950-06-25").json()
    assert d["size"] == 11
    assert "TWN" in {m["code"] for m in d["members"]}


def test_council_preset_seats(bare: Client) -> None:
    d = bare.get("/api/council?council=g4-2005").json()
    assert d["size"] == 25 and d["date"] is None
    assert sum(s["veto"] for s in d["seats"]) == 5


def test_presets(bare: Client) -> None:
    ids = [p["id"] for p in bare.get("/api/presets").json()]
    assert "council-1966" in ids and "g4-2005" in ids


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/api/decide?date=2023-02-30", 422, "date"),
        ("/api/decide?date=yesterday", 422, "date"),
        ("/api/decide", 422, "date"),
        ("/api/decide?date=1900-01-01", 422, "date"),
        ("/api/decide?date=2023-08-30&no=XYZ", 422, "no"),
        ("/api/decide?date=2023-08-30&no=RUS&abstain=RUS", 422, "abstain"),
        ("/api/decide?date=2023-08-30&matter=important", 422, "matter"),
        ("/api/decide?date=2023-08-30&council=nope", 422, "council"),
        ("/api/decide?date=2023-08-30&council=g4-2005", 422, "council"),
        ("/api/council?date=31/12/2020", 422, "date"),
        ("/api/council?council=nope", 422, "council"),
        ("/api/no-such-route", 404, None),
    ],
)
def test_errors_have_one_shape(bare: Client, url: str, status: int, field: str | None) -> None:
    r = bare.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == ERROR_KEYS
    assert body["status"] == status
    assert body["field"] == field
    assert body["message"]


def test_wrong_method_has_the_error_shape(bare: Client) -> None:
    r = bare.post("/api/decide")
    assert r.status_code == 405
    assert set(r.json()) == ERROR_KEYS and r.json()["code"] == "method_not_allowed"


@settings(max_examples=40, deadline=None)
@given(
    date=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
    no=st.one_of(st.none(), st.text(max_size=12)),
    matter=st.one_of(st.none(), st.text(max_size=12)),
    council=st.one_of(st.none(), st.sampled_from(["council-1966", "ezulwini", ""]), st.text()),
)
def test_decide_never_fails_on_bad_input(
    bare: Client, date: str | None, no: str | None, matter: str | None, council: str | None
) -> None:
    params = {
        k: v
        for k, v in (("date", date), ("no", no), ("matter", matter), ("council", council))
        if v is not None
    }
    r = bare.get("/api/decide", params=params)
    assert r.status_code in (200, 422), r.text
    if r.status_code == 422:
        assert set(r.json()) == ERROR_KEYS


def test_repeated_answers_come_from_the_response_cache(bare: Client) -> None:
    url = "/api/decide?date=2021-03-03&no=GBR"
    first, second = bare.get(url), bare.get(url)
    assert first.json() == second.json()
    assert second.headers.get("x-unsc-cache") == "hit"
    bad = "/api/decide?date=2021-02-30"
    assert bare.get(bad).status_code == 422
    assert "x-unsc-cache" not in bare.get(bad).headers  # errors are not kept


def test_a_rebuilt_record_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    from tests.web.conftest import build_mini_record
    from unsc.web import create_app

    db = build_mini_record(tmp_path / "record.sqlite")
    client = Client(create_app(db))
    assert client.get("/api/resolutions/2690").status_code == 200
    db.unlink()
    assert client.get("/api/resolutions/2690").status_code == 503


def test_mandates_due_at_the_end_of_the_calendar_is_bad_input(bare: Client) -> None:
    r = bare.get("/api/mandates/due?on=9999-12-31&within=3650")
    assert r.status_code == 422 and r.json()["field"] == "within"
