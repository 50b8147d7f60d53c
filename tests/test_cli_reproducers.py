"""The CLI failures reported in issue 14, each as it was reproduced: now a clean one-line
error (exit 2) where there was a traceback, a hang or a wrong answer with exit 0."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app

runner = CliRunner()


def run(*args: str, db: Path | None = None) -> tuple[int, str, str]:
    env = {"UNSC_DB": str(db)} if db is not None else {}
    result = runner.invoke(build_app(), list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def refused(*args: str, db: Path | None = None) -> str:
    code, out, err = run(*args, db=db)
    assert code == 2, (code, out, err)
    # one error line (a "note:" about a missing record may come before it)
    lines = [line for line in err.strip().splitlines() if not line.startswith("note: ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in out + err
    return lines[0]


@pytest.mark.slow
def test_resolution_number_past_sqlite_integers(record_db: Path) -> None:
    # was: OverflowError: Python int too large to convert to SQLite INTEGER
    assert "no resolution 99999999999999999999" in refused(
        "resolution", "99999999999999999999", db=record_db
    )


def test_dates_past_9999() -> None:
    assert "not a date YYYY-MM-DD" in refused("council", "--date", "10000-01-01")
    assert "not a date YYYY-MM-DD" in refused("council", "--date", "20230101")  # basic form


def test_a_window_past_the_calendar() -> None:
    # was: OverflowError: date value out of range
    assert "past the calendar" in refused("mandates", "due", "--on", "9999-12-31")


def test_db_at_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    # was: sqlite3.DatabaseError: file is not a database
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all\n" * 100)
    message = refused("resolution", "2640", "--db", str(junk))
    assert "not a record database" in message
    assert "not a record database" in refused("record", "check", "--db", str(junk))


def test_db_built_by_an_older_version(tmp_path: Path) -> None:
    # a record of schema 2 lacks drafts.listed: was "sqlite3.OperationalError: no such column"
    import sqlite3

    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE drafts (draft_id INTEGER PRIMARY KEY)")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    message = refused("vetoes", "--db", str(old))
    assert "built by an older unsc" in message and "unsc record build" in message


def test_build_will_not_overwrite_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert "not a record database" in refused(
        "record", "build", "--db", str(notes), "--source", str(tmp_path), "--quiet"
    )
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_power_has_a_size_limit_that_names_how_to_lift_it() -> None:
    # was: still running at 60 s, or out of memory
    rng = random.Random(14)
    weights = ",".join(str(rng.randint(1, 10**6)) for _ in range(60))
    message = refused("power", "--weights", weights, "--quota", "100")
    assert "power game size" in message and "UNSC_MAX_POWER_WORK" in message
    many = ",".join(["1", "2"] * 600)
    assert "UNSC_MAX_PLAYERS" in refused("power", "--weights", many, "--quota", "5")


def test_weights_files_binary_and_latin1(tmp_path: Path) -> None:
    binary = tmp_path / "weights.bin"
    binary.write_bytes(bytes(range(256)))
    assert "not UTF-8" in refused("power", "--weights-file", str(binary), "--quota", "2")
    latin = tmp_path / "weights.csv"
    latin.write_bytes(b"France,3\nC\xf4te d'Ivoire,2\n")
    message = refused("power", "--weights-file", str(latin), "--quota", "2")
    assert "line 2" in message and "0xf4" in message


def test_case_assumption_about_an_option_that_does_not_exist() -> None:
    # was: exit 0, the assumption silently ignored
    message = refused("case", "minusma", "--no-forecast", "--assume", "9:RUS=no")
    assert "there is no option 9" in message


@pytest.mark.slow
def test_record_check_of_an_unknown_kind(record_db: Path) -> None:
    # was: exit 0 with an empty answer
    message = refused("record", "check", "--kind", "nope", db=record_db)
    assert "kinds: " in message and "date_day_month_swapped" in message


def test_samples_zero_and_too_many() -> None:
    # was: --samples 0 reported adoption 1.0; a huge --samples allocated what it was told
    assert "--samples" in refused("forecast", "--samples", "0", "--date", "2023-06-30")
    message = refused("forecast", "--samples", "10000000000", "--date", "2023-06-30")
    assert "UNSC_MAX_SAMPLES" in message
    assert "--cohesion" in refused("forecast", "--cohesion", "nan", "--date", "2023-06-30")
    assert "--seed" in refused("forecast", "--seed", "-1", "--date", "2023-06-30")


def test_batch_files_binary_latin1_and_nested(tmp_path: Path) -> None:
    binary = tmp_path / "batch.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    assert "binary content" in refused("forecast", "--batch", str(binary))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"date": "2023-06-30", "agenda": "C\xf4te d\'Ivoire"}\n')
    assert "line 1" in refused("forecast", "--batch", str(latin))
    nested = tmp_path / "nested.jsonl"
    nested.write_text("[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")
    assert "nested too deeply" in refused("forecast", "--batch", str(nested))
    long = tmp_path / "long.jsonl"
    long.write_text('{"agenda": "' + "x" * 1_100_000 + '"}\n', encoding="utf-8")
    assert "UNSC_MAX_LINE_BYTES" in refused("forecast", "--batch", str(long))


def test_usage_errors_are_one_line() -> None:
    assert "No such option: --nope" in refused("power", "--nope")
