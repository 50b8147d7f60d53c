"""Hand-typed member votes on failed drafts, 1947-2022 (emilytong123/unsc_for_us).

``failed_drafts_manual/emilytong_cleaned_data_unsc_failed_drafts.xlsx`` (github.com/emilytong123/
unsc_for_us, ``cleaned_data_unsc.xlsx``): 53
rows typed from the meeting records, each with the meeting number, what was voted on (a draft
symbol, or a paragraph of one), the year, and Python-style lists of the members "In Favor",
"Abstain" and "Against". Its tuple column is for-abstain-against, not yes-no-abstain. It names
the USSR "Russian Federation" even in 1947; reconciliation gives such votes to the holder of the
seat on the day. Votes on paragraphs are not drafts and are skipped. The source covers about a
sixth of the failed drafts, so it only adds member votes where no other source has them.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from unsc.errors import RecordError
from unsc.record.readers._common import member_code, normalise_symbol, xlsx_rows
from unsc.record.records import DraftRecord, Tally, Where
from unsc.types import Outcome, Vote

SOURCE_ID = "emilytong-failed"
FILE = Path("failed_drafts_manual") / "emilytong_cleaned_data_unsc_failed_drafts.xlsx"
REQUIRED = ("Meeting Number", "Voting On", "Year", "In Favor", "Abstain", "Against")
_SYMBOL = re.compile(r"S/\d+(?:/\d+)*(?:/(?:Rev|Add)\.\d+)?", re.IGNORECASE)


def read(path: Path) -> Iterator[DraftRecord]:
    """One record per whole draft voted on; ``date`` is 1 January of the row's year (the file
    has no day), ``meeting_record`` the meeting, which reconciliation matches on."""
    for line, cells in xlsx_rows(path, REQUIRED):
        record = _record(cells, path.name, line)
        if record is not None:
            yield record


def _record(cells: dict[str, object], file: str, line: int) -> DraftRecord | None:
    voted_on = str(cells["Voting On"] or "").strip()
    if "paragraph" in voted_on.lower():
        return None
    try:
        number = int(str(cells["Meeting Number"]).strip())
        year = int(str(cells["Year"]).strip())
    except ValueError:
        raise RecordError("not a number", file=file, line=line, field="Meeting Number") from None
    votes: dict[str, Vote] = {}
    for column, vote in (("In Favor", Vote.YES), ("Abstain", Vote.ABSTAIN), ("Against", Vote.NO)):
        for name in _names(cells[column], file, line, column):
            code = member_code(name, None, file=file, line=line, field=column)
            if code in votes:
                raise RecordError(f"{name} is listed twice", file=file, line=line, field=column)
            votes[code] = vote
    symbol = _SYMBOL.search(voted_on)
    values = list(votes.values())
    return DraftRecord(
        where=Where(SOURCE_ID, file, line),
        date=date(year, 1, 1),
        outcome=Outcome.FAILED,
        symbol=normalise_symbol(symbol.group(0)) if symbol else None,
        meeting_record=f"S/PV.{number}",
        votes=votes,
        tally=Tally(values.count(Vote.YES), values.count(Vote.NO), values.count(Vote.ABSTAIN)),
        note=voted_on,
    )


def _names(cell: object, file: str, line: int, field: str) -> list[str]:
    text = str(cell or "[]")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise RecordError(
            f"not a list of names: {text!r}", file=file, line=line, field=field
        ) from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecordError(f"not a list of names: {text!r}", file=file, line=line, field=field)
    return value
