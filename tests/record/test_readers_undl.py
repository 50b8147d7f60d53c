"""The UN Library Voting Data CSV reader, on files written in the Library's exact layout from
real votes of the wide UN Library table (the official CSV is not in ../shared/data)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from unsc.errors import RecordError
from unsc.membership import members_on
from unsc.record.readers import undl_csv, wide_votes
from unsc.record.records import DraftRecord
from unsc.types import Outcome, Vote

LETTER = {Vote.YES: "Y", Vote.NO: "N", Vote.ABSTAIN: "A", Vote.NOT_VOTING: "X"}


def _wide(source_dir: Path, numbers: set[int]) -> list[DraftRecord]:
    return [
        r
        for r in wide_votes.read(source_dir / wide_votes.RELATIVE)
        if r.resolution_number in numbers
    ]


def write_layout(records: list[DraftRecord], path: Path) -> None:
    """Write records in the Voting Data layout: one row per member per resolution."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(undl_csv.COLUMNS)
        for r in records:
            assert r.tally is not None
            permanent = {m.code for m in members_on(r.date) if m.permanent}
            for i, (code, vote) in enumerate(sorted(r.votes.items())):
                out.writerow(
                    [
                        f"{r.resolution_number}{i}",
                        code,
                        code,
                        str(code in permanent).upper(),
                        LETTER[vote],
                        r.date.isoformat(),
                        f"S/RES/{r.resolution_number} ({r.date.year})",
                        "",
                        "",
                        r.title or "",
                        "",
                        "",
                        "",
                        "Voting",
                        r.tally.yes,
                        r.tally.no,
                        r.tally.abstain,
                        r.tally.not_voting,
                        len(r.votes),
                        "",
                    ]
                )


@pytest.fixture(scope="module")
def real(source_dir: Path) -> list[DraftRecord]:
    return _wide(source_dir, {82, 83, 84, 2334, 2401})


def test_round_trip_of_real_votes(real: list[DraftRecord], tmp_path: Path) -> None:
    path = tmp_path / "2025_07_21_sc_voting.csv"
    write_layout(real, path)
    read = {r.resolution_number: r for r in undl_csv.read(path)}
    assert set(read) == {82, 83, 84, 2334, 2401}
    for r in real:
        assert read[r.resolution_number].votes == r.votes
        assert read[r.resolution_number].date == r.date
        assert read[r.resolution_number].outcome is Outcome.ADOPTED
    # Res. 82 (25 Jun 1950): 9-0-1, Yugoslavia abstaining, the USSR not there (S/PV.473).
    assert read[82].votes["YUG"] is Vote.ABSTAIN
    assert read[82].tally is not None and read[82].tally.text() == "9-0-1"
    # Res. 2334 (23 Dec 2016): 14-0-1, the United States abstaining (S/PV.7853).
    assert read[2334].votes["USA"] is Vote.ABSTAIN
    early = {r.resolution_number for r in undl_csv.read(path, until=date(1999, 12, 31))}
    assert early == {82, 83, 84}


def _lines(real: list[DraftRecord], tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "x_sc_voting.csv"
    write_layout(real, path)
    return path, path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_truncated_file(real: list[DraftRecord], tmp_path: Path) -> None:
    path, lines = _lines(real, tmp_path)
    path.write_text("".join(lines[:7]) + lines[7][:25], encoding="utf-8")
    with pytest.raises(RecordError) as info:
        list(undl_csv.read(path))
    assert info.value.file == path.name and info.value.line == 8 and info.value.field


def test_wrong_columns(real: list[DraftRecord], tmp_path: Path) -> None:
    path, lines = _lines(real, tmp_path)
    path.write_text(lines[0].replace("ms_vote", "vote") + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        list(undl_csv.read(path))
    assert (info.value.line, info.value.field) == (1, "ms_vote")


def test_unknown_member_code(real: list[DraftRecord], tmp_path: Path) -> None:
    path, lines = _lines(real, tmp_path)
    lines[3] = lines[3].replace(lines[3].split(",")[1], "XXQ", 1)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        list(undl_csv.read(path))
    assert (info.value.line, info.value.field) == (4, "ms_code")
    assert "XXQ" in str(info.value)


def test_duplicate_vote(real: list[DraftRecord], tmp_path: Path) -> None:
    path, lines = _lines(real, tmp_path)
    path.write_text("".join(lines[:4] + [lines[3]] + lines[4:]), encoding="utf-8")
    with pytest.raises(RecordError, match="duplicate vote") as info:
        list(undl_csv.read(path))
    assert (info.value.line, info.value.field) == (5, "ms_code")


def test_unparseable_date(real: list[DraftRecord], tmp_path: Path) -> None:
    path, lines = _lines(real, tmp_path)
    cells = lines[1].split(",")
    cells[5] = "25/06/50"
    lines[1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(RecordError) as info:
        list(undl_csv.read(path))
    assert (info.value.file, info.value.line, info.value.field) == (path.name, 2, "date")
