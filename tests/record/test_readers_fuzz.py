"""The readers under damage (Hypothesis): truncated, duplicated, re-encoded or binary copies of
the real source files are refused with a one-line :class:`RecordError` naming the file, never
a traceback, and a build over them leaves the old database byte for byte.

A damage that changes nothing the record holds (a line break added where lines are free) may
be read; then the records are those of the whole file.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import sqlite3
import tempfile
import zipfile
from contextlib import closing
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import shared_data
from tests.record import damage
from unsc.errors import RecordError
from unsc.record.build import build_record

FILES = (
    damage.PAGE_1971,
    *(
        f"un_library_pages/scact{year}_table_en.html"
        for year in ("1946", "1964", "1993", "2020_covid", "2022")
    ),
    damage.VETO_PAGE,
    damage.LINKS,
    damage.STATES,
    damage.ELECTED,
    damage.WPDL,
    damage.DRAFT_VOTES,
    damage.WIDE,
    damage.MANUAL,
)
KINDS = ("truncate", "duplicate", "latin1", "binary")


@cache
def _original(relative: str) -> bytes:
    return (shared_data() / relative).read_bytes()


@cache
def _whole_read(relative: str) -> list[object]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp)
        (source / relative).parent.mkdir(parents=True)
        (source / relative).write_bytes(_original(relative))
        return _strip(damage.read_checked(source, relative))


def _strip(records: list[object]) -> list[object]:
    """Records without the line they came from (a line added above shifts every line)."""
    return [r.__class__(**{**_fields(r), "where": None}) if _fields(r) else r for r in records]


def _fields(record: object) -> dict[str, object]:
    slots = getattr(type(record), "__slots__", ())
    return {name: getattr(record, name) for name in slots} if "where" in slots else {}


def _inner(relative: str, data: bytes) -> tuple[bytes, str | None]:
    """The text inside a compressed file, and how to put it back."""
    if relative.endswith(".gz"):
        return gzip.decompress(data), "gz"
    if relative.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(archive.namelist()[0]), "zip"
    return data, None


def _outer(relative: str, text: bytes, how: str | None) -> bytes:
    if how == "gz":
        return gzip.compress(text, mtime=0)
    if how == "zip":
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(_original(relative))) as old:
            name = old.namelist()[0]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, text)
        return out.getvalue()
    return text


class Damaged(bytes):
    """Damaged file contents, shown by their size in Hypothesis' reports."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes>"


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str, bytes]:
    relative, kind, data = draw(_damaged())
    return relative, kind, Damaged(data)


@st.composite
def _damaged(draw: st.DrawFn) -> tuple[str, str, bytes]:
    relative = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(KINDS))
    raw = _original(relative)
    if kind == "binary":
        return relative, kind, draw(st.binary(min_size=0, max_size=4096))
    if kind == "truncate" or relative == damage.MANUAL:
        # a workbook is a zip: cut it, or repeat a stretch of its bytes
        cut = draw(st.integers(0, len(raw) - 1))
        if kind == "truncate":
            return relative, kind, raw[:cut]
        if kind == "duplicate":
            size = draw(st.integers(1, 512))
            return relative, kind, raw[:cut] + raw[cut : cut + size] + raw[cut:]
        return relative, kind, raw[:cut] + b"\xe9" + raw[cut:]
    text, how = _inner(relative, raw)
    if kind == "duplicate":
        lines = damage.lines_of(text)
        at = draw(st.integers(1, len(lines) - 1))  # a data line (the header is line 1)
        text = b"".join([*lines[:at], lines[at], *lines[at:]])
    else:  # a byte of latin-1 ("é") where the file is UTF-8
        at = draw(st.integers(0, len(text)))
        text = text[:at] + b"\xe9" + text[at:]
    return relative, kind, _outer(relative, text, how)


def _read_damaged(relative: str, data: bytes) -> list[object] | RecordError:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp)
        path = source / relative
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        try:
            return damage.read_checked(source, relative)
        except RecordError as exc:
            return exc


@pytest.mark.usefixtures("source_dir")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_readers_refuse_damage(case: tuple[str, str, bytes]) -> None:
    relative, kind, data = case
    got = _read_damaged(relative, data)
    if isinstance(got, RecordError):
        assert "\n" not in str(got)
        assert Path(relative).name in str(got)
    else:
        assert _strip(got) == _whole_read(relative), f"{kind} of {relative} read as if whole"


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=damaged())
def test_a_build_over_damage_keeps_the_old_database(
    record_db: Path, source_dir: Path, case: tuple[str, str, bytes]
) -> None:
    relative, _kind, data = case
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = root / "db" / "record.sqlite"
        db.parent.mkdir()
        shutil.copyfile(record_db, db)
        before = db.read_bytes()
        source = damage.linked_source(source_dir, root)
        damage.replace(source, relative, data)
        try:
            build_record(source, db)
        except RecordError as exc:
            assert "\n" not in str(exc)
            assert db.read_bytes() == before
        else:
            # Read as harmless (a repeated line that holds no record, as the test above allows):
            # the new database holds the same record; only the file:line positions that the
            # discrepancy report cites below the added line move.
            old = root / "old.sqlite"
            old.write_bytes(before)
            assert _content(db) == _content(old)
        assert sorted(p.name for p in db.parent.iterdir()) == ["record.sqlite"]


_POSITION = re.compile(r"(\.(?:html|csv|xlsx|gz|zip|md)):\d+")


def _content(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, with source positions (``file.html:123``) left out."""
    with closing(sqlite3.connect(db)) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            name: sorted(
                (
                    tuple(_POSITION.sub(r"\1:N", v) if isinstance(v, str) else v for v in row)
                    for row in conn.execute(f'SELECT * FROM "{name}"')
                ),
                key=repr,
            )
            for name in names
        }
