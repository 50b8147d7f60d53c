"""The wide per-member table of Council votes on adopted resolutions, 1946-2021.

``sc_votes_undl_wide_1946_2021/UN_DATA.csv.zip`` (UN Digital Library voting records in a wide
layout, as published in github.com/navyanawal0310/un-votes-intelligence-platform): one row per
resolution
(General Assembly rows are skipped), 11 metadata columns, then one column per state named as
the source spells it, holding Y/N/A/X or nothing (not a member then). Faults handled here:
the header spellings "CHILEs ", "COTE D’IVOIRE" and "DONOTKNOW" (Mexico, res. 1966 (2010)),
and "ABSENT COUNT", which is really the abstention count.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from unsc.errors import RecordError
from unsc.record.readers._common import (
    csv_cells,
    decode,
    member_code,
    parse_int,
    parse_iso,
    parse_vote,
    resolution_number,
    short_reason,
)
from unsc.record.records import DraftRecord, Tally, Where
from unsc.types import Outcome, Vote

SOURCE_ID = "undl-wide"
RELATIVE = Path("sc_votes_undl_wide_1946_2021") / "UN_DATA.csv.zip"
META = (
    "Council",
    "Date",
    "Title",
    "Resolution",
    "TOTAL VOTES",
    "NO-VOTE COUNT",
    "ABSENT COUNT",
    "NO COUNT",
    "YES COUNT",
    "Link",
    "token",
)


def read(path: Path, *, until: date | None = None) -> Iterator[DraftRecord]:
    """Yield one adopted resolution per Security Council row, with each member's vote."""
    file = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            inner = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not inner:
                raise RecordError("the archive holds no CSV file", file=file)
            data = archive.read(inner[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error) as exc:
        raise RecordError(
            f"not a readable zip file ({short_reason(exc)}): damaged or truncated?", file=file
        ) from None
    file = f"{path.name}/{inner[0]}"
    text = io.StringIO(decode(data, file=file), newline="")
    header, rows = csv_cells(text, file=file, required=META)
    council = header.index("Council")
    for line, cells in rows:
        if cells[council].strip() != "Security Council":
            continue
        record = _record(header, cells, file, line)
        if until is None or record.date <= until:
            yield record


def _record(header: list[str], cells: list[str], file: str, line: int) -> DraftRecord:
    # Several columns carry the same name but for spaces (" UNITED KINGDOM"), so the cells
    # are read by position and the metadata by name.
    row = {name: cells[i] for i, name in enumerate(header) if name in META}
    when = parse_iso(row["Date"], file=file, line=line, field="Date")
    number = resolution_number(row["Resolution"])
    if number is None:
        raise RecordError(
            f"not a resolution symbol: {row['Resolution']!r}",
            file=file,
            line=line,
            field="Resolution",
        )
    votes: dict[str, Vote] = {}
    for column, cell in zip(header, cells, strict=True):
        if column in META or not cell.strip():
            continue
        code = member_code(column, when, file=file, line=line, field=column)
        if code in votes:
            raise RecordError(
                f"duplicate vote of {code} on resolution {number}",
                file=file,
                line=line,
                field=column,
            )
        votes[code] = parse_vote(cell, file=file, line=line, field=column)
    tally = Tally(
        yes=parse_int(row["YES COUNT"], file=file, line=line, field="YES COUNT"),
        no=parse_int(row["NO COUNT"], file=file, line=line, field="NO COUNT"),
        abstain=parse_int(row["ABSENT COUNT"], file=file, line=line, field="ABSENT COUNT"),
        not_voting=parse_int(row["NO-VOTE COUNT"], file=file, line=line, field="NO-VOTE COUNT"),
    )
    return DraftRecord(
        where=Where(SOURCE_ID, file, line),
        date=when,
        outcome=Outcome.ADOPTED,
        resolution_number=number,
        title=row["Title"].strip() or None,
        votes=votes,
        tally=tally,
    )
