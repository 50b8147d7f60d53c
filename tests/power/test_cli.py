"""The ``unsc power`` command."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from unsc.cli import build_app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(build_app(), ["power", *args])
    return result.exit_code, result.output


def test_council_exact_json() -> None:
    code, out = _run("--council", "council-1966", "--exact", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {r["player"]: r["value"] for r in rows}["P-FRA"] == "421/2145"
    assert {r["player"]: r["value"] for r in rows}["E10"] == "4/2145"
    assert len(rows) == 15


def test_weights_banzhaf_float() -> None:
    code, out = _run(
        "--weights", "7,7,7,7,7,1,1,1,1,1,1", "--quota", "37", "--index", "banzhaf", "--json"
    )
    assert code == 0
    values = [r["value"] for r in json.loads(out)]
    assert abs(sum(values) - 1) < 1e-12
    assert round(values[0], 4) == 0.1810  # the 1946 Council as a weighted game


def test_weights_file(tmp_path: Path) -> None:
    path = tmp_path / "body.csv"
    path.write_text("# name,weight\nA,3\nB,2\nC,2\n", encoding="utf-8")
    code, out = _run("--weights-file", str(path), "--quota", "5", "--exact", "--json")
    assert code == 0
    assert {r["player"]: r["value"] for r in json.loads(out)} == {
        "A": "2/3",
        "B": "1/6",
        "C": "1/6",
    }


def test_bad_weights_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("A,3\nB,two\n", encoding="utf-8")
    code, out = _run("--weights-file", str(path), "--quota", "2")
    assert code == 2
    assert "line 2" in out


def test_errors_name_the_parameter() -> None:
    code, out = _run("--weights", "1,2,x", "--quota", "2")
    assert code == 2 and "--weights" in out
    code, out = _run("--weights", "1,2")
    assert code == 2 and "--quota" in out
    code, out = _run("--weights", "1,2", "--quota", "9")
    assert code == 2 and "quota" in out
    code, out = _run("--council", "council-1966", "--index", "nonsense")
    assert code == 2 and "shapley-shubik" in out


def test_compare_with_chart(tmp_path: Path) -> None:
    chart = tmp_path / "reform.svg"
    code, out = _run(
        "--compare", "council-1966,veto-needs-two,g4-2005", "--chart", str(chart), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert [d["council"] for d in data] == ["council-1966", "veto-needs-two", "g4-2005"]
    permanent = data[0]["kinds"][0]
    assert permanent["kind"] == "permanent" and permanent["per_seat_exact"] == "421/2145"
    assert data[0]["power_to_act_exact"] == "53/2048"
    assert data[1]["power_to_act"] > data[0]["power_to_act"]
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_compare_png(tmp_path: Path) -> None:
    chart = tmp_path / "reform.png"
    code, _ = _run("--compare", "council-1946,council-1966", "--chart", str(chart))
    assert code == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_coleman_act_has_one_value_for_all() -> None:
    code, out = _run("--council", "council-1966", "--index", "coleman-act", "--exact", "--json")
    assert code == 0
    assert {r["value"] for r in json.loads(out)} == {"53/2048"}


def test_method_choice_and_its_limits() -> None:
    code, out = _run("--council", "council-1966", "--method", "enumerate", "--exact", "--json")
    assert code == 0
    assert {r["value"] for r in json.loads(out)} == {"421/2145", "4/2145"}
    code, out = _run("--weights", "3,2,2", "--quota", "5", "--method", "dp-float", "--exact")
    assert code == 2 and "floating-point" in out
    code, out = _run("--council", "eu27", "--method", "dp-exact")
    assert code == 2 and "weighted games" in out
    code, out = _run("--council", "council-1966", "--method", "fastest")
    assert code == 2 and "dp-exact" in out


def test_electoral_college_holler_but_not_johnston() -> None:
    code, out = _run("--council", "us-electoral-college", "--index", "holler", "--json")
    assert code == 0
    assert abs(sum(r["value"] for r in json.loads(out)) - 1) < 1e-12
    code, out = _run("--council", "us-electoral-college", "--index", "johnston")
    assert code == 2 and "Johnston" in out
