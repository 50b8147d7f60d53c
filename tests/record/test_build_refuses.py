"""A build refuses what it cannot fully read, and leaves the old database byte for byte.

Each damage below was reported against a build that took it (issue 14): a meetings page cut to
2,000 characters built with exit 0 and lost a 1971 draft, 30 votes and 56 meetings; doubled
table cells lost 30 votes; a latin-1 byte, a binary CSV and a truncated workbook gave
tracebacks; ``kill -9`` during the write left temporary files no later build removed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.record import damage
from unsc.cli import build_app
from unsc.errors import RecordError
from unsc.record.build import build_record
from unsc.record.replace import remove_stale_temps

pytestmark = pytest.mark.slow


@pytest.fixture
def old_db(record_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "db" / "record.sqlite"
    db.parent.mkdir()
    shutil.copyfile(record_db, db)
    return db


def _refused(source: Path, db: Path) -> RecordError:
    before = db.read_bytes()
    with pytest.raises(RecordError) as info:
        build_record(source, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["record.sqlite"]
    assert "\n" not in str(info.value)
    return info.value


def test_meetings_page_cut_to_2000_characters(
    source_dir: Path, tmp_path: Path, old_db: Path
) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    page = (source_dir / damage.PAGE_1971).read_text(encoding="utf-8")
    damage.replace(source, damage.PAGE_1971, page[:2000].encode("utf-8"))
    error = _refused(source, old_db)
    assert error.file == "scact1971_table_en.html"
    assert "truncated" in str(error)


def test_doubled_table_cells(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    page = (source_dir / damage.PAGE_1971).read_bytes()
    damage.replace(source, damage.PAGE_1971, damage.double_cells(page))
    error = _refused(source, old_db)
    assert error.file == "scact1971_table_en.html" and error.line is not None
    assert "cells" in str(error)


def test_a_latin1_byte_names_the_line(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    lines = damage.lines_of((source_dir / damage.STATES).read_bytes())
    lines[40] = lines[40].replace(b",", b"\xe9,", 1)  # "é" as latin-1 writes it
    damage.replace(source, damage.STATES, b"".join(lines))
    error = _refused(source, old_db)
    assert (error.file, error.line) == ("derived_un_member_states_regional_groups.csv", 41)
    assert "utf-8" in str(error) and "0xe9" in str(error)


def test_a_latin1_byte_in_a_page(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    page = (source_dir / damage.PAGE_1971).read_bytes()
    at = page.index(b"Security Council", 3000)
    damage.replace(source, damage.PAGE_1971, page[:at] + b"\xe9" + page[at:])
    error = _refused(source, old_db)
    assert error.file == "scact1971_table_en.html"
    assert error.line == page[:at].count(b"\n") + 1


def test_a_binary_csv(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    damage.replace(source, damage.LINKS, random.Random(14).randbytes(20_000))
    error = _refused(source, old_db)
    assert error.file == "derived_draft_to_resolution_crosswalk.csv"


def test_a_truncated_workbook(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    book = (source_dir / damage.MANUAL).read_bytes()
    damage.replace(source, damage.MANUAL, book[: len(book) // 2])
    error = _refused(source, old_db)
    assert error.file == "emilytong_cleaned_data_unsc_failed_drafts.xlsx"
    assert "workbook" in str(error)


def test_a_duplicated_line(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    lines = damage.lines_of((source_dir / damage.LINKS).read_bytes())
    damage.replace(source, damage.LINKS, b"".join([*lines[:100], lines[99], *lines[100:]]))
    error = _refused(source, old_db)
    assert (error.file, error.line) == ("derived_draft_to_resolution_crosswalk.csv", 101)


def test_a_missing_page(source_dir: Path, tmp_path: Path, old_db: Path) -> None:
    source = damage.linked_source(source_dir, tmp_path)
    (source / damage.PAGE_1971).unlink()
    error = _refused(source, old_db)
    assert "scact1971_table_en.html" in str(error)


def test_a_build_that_would_lose_rows_stops(source_dir: Path, old_db: Path) -> None:
    # The current database has one meeting the sources do not: a build would lose it.
    conn = sqlite3.connect(old_db)
    with conn:
        conn.execute(
            "INSERT INTO meetings (meeting_record, number, date) VALUES ('S/PV.99999', 99999, "
            "'2023-12-31')"
        )
    conn.close()
    error = _refused(source_dir, old_db)
    assert "lose 1 meetings" in str(error) and "--allow-shrink" in str(error)
    result = CliRunner().invoke(
        build_app(),
        ["record", "build", "--source", str(source_dir), "--db", str(old_db), "--quiet"],
    )
    assert result.exit_code == 2 and "lose 1 meetings" in result.output
    result = CliRunner().invoke(
        build_app(),
        ["record", "build", "--source", str(source_dir), "--db", str(old_db), "--quiet"]
        + ["--allow-shrink"],
    )
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(old_db)
    assert conn.execute("SELECT count(*) FROM meetings WHERE number = 99999").fetchone()[0] == 0
    conn.close()


KILLED_BUILD = """
import sys, time
from pathlib import Path
from unsc.record import build

def stall(conn, path):
    Path(sys.argv[3]).write_text("writing")
    time.sleep(60)

build._check = stall
build.build_record(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_kill_9_during_the_write_leaves_the_old_database_and_the_next_build_cleans_up(
    source_dir: Path, tmp_path: Path, old_db: Path
) -> None:
    before = old_db.read_bytes()
    marker = tmp_path / "writing"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(source_dir), str(old_db), str(marker)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), child.stderr.read() if child.stderr else b""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stderr:
            child.stderr.close()
    left = [p for p in old_db.parent.iterdir() if p.name != "record.sqlite"]
    assert left and all(p.name.endswith(".tmp") for p in left)  # the kill left its file
    assert old_db.read_bytes() == before
    # the next build removes it at its start, whatever becomes of the build
    bad = damage.linked_source(source_dir, tmp_path)
    (bad / damage.PAGE_1971).unlink()
    with pytest.raises(RecordError):
        build_record(bad, old_db)
    assert sorted(p.name for p in old_db.parent.iterdir()) == ["record.sqlite"]
    assert old_db.read_bytes() == before


def test_temp_files_of_a_live_build_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "record.sqlite"
    mine = tmp_path / f".record.sqlite.build-{os.getpid()}-abc.tmp"
    dead = tmp_path / ".record.sqlite.build-999999999-abc.tmp"
    old_style = tmp_path / ".record.sqlite.k2j3h4.tmp"
    other = tmp_path / "notes.tmp"
    for path in (mine, dead, old_style, other):
        path.write_text("x")
    assert sorted(p.name for p in remove_stale_temps(db)) == sorted([dead.name, old_style.name])
    assert mine.exists() and other.exists()


def test_sigterm_during_the_write_removes_the_temp_file(
    source_dir: Path, tmp_path: Path, old_db: Path
) -> None:
    before = old_db.read_bytes()
    marker = tmp_path / "writing"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(source_dir), str(old_db), str(marker)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists()
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert sorted(p.name for p in old_db.parent.iterdir()) == ["record.sqlite"]
    assert old_db.read_bytes() == before
