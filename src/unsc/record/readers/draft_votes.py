"""Member votes on adopted and failed drafts, 1994-2023 (oliverunv/Voting-Agent).

``sc_draft_votes_1994_2023/oliverunv_sc_voting_1994_2023.xlsx`` (github.com/oliverunv/Voting-Agent,
``data/sc_voting.xlsx``), one row
per member per vote, grouped by the ``ID`` column; or the same rows in
``derived_sc_draft_votes_1994_2023.csv.gz``, which is much faster to read (the xlsx takes
about 9 s) and keeps the source's own columns (``date_raw`` is the xlsx date as it stands).
Faults of this source, all left to :mod:`unsc.record.reconcile`:

- day and month swapped in about a sixth of the dates (``date_as_in_source`` keeps the text);
- members that did not take part are simply missing (never coded);
- the 1995 rows: member votes that contradict the outcome ("Adopted unanimously" with "No"
  votes); and a few votes listing one member twice (``extra_votes``).
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from unsc.errors import InputError, RecordError
from unsc.record.readers._common import (
    csv_rows,
    decode,
    member_code,
    normalise_symbol,
    parse_iso,
    parse_vote,
    resolution_number,
    short_reason,
    xlsx_rows,
)
from unsc.record.records import DraftRecord, Kind, VoteLine, Where
from unsc.states import resolve_state
from unsc.types import Matter, Outcome, Vote

SOURCE_ID = "oliverunv"
DIRECTORY = Path("sc_draft_votes_1994_2023")
XLSX = "oliverunv_sc_voting_1994_2023.xlsx"
CSV_GZ = "derived_sc_draft_votes_1994_2023.csv.gz"

# xlsx header -> the names used below (the csv.gz already uses them)
XLSX_COLUMNS = {
    "ID": "vote_id",
    "Date,": "date_raw",
    "Resolution": "resolution",
    "Meeting": "meeting",
    "Draft": "draft",
    "Agenda item": "agenda_item",
    "Submitted by": "submitted_by",
    "Outcome results": "outcome",
    "Vote": "vote",
    "Member State": "member_state",
    "Topic": "topic",
}
REQUIRED = tuple(XLSX_COLUMNS.values())

OUTCOMES = {
    "adopted unanimously": (Outcome.ADOPTED, VoteLine.VOTED),
    "adopted by majority": (Outcome.ADOPTED, VoteLine.VOTED),
    "adopted by consensus": (Outcome.ADOPTED, VoteLine.CONSENSUS),
    "adopted by acclamation": (Outcome.ADOPTED, VoteLine.WITHOUT_VOTE),
    "not adopted - veto": (Outcome.VETOED, VoteLine.VOTED),
    "not adopted - failed to receive required number of votes": (Outcome.FAILED, VoteLine.VOTED),
}


def find(source: Path) -> Path | None:
    """The fast csv.gz if present, else the xlsx."""
    for name in (CSV_GZ, XLSX):
        path = source / DIRECTORY / name
        if path.is_file():
            return path
    return None


def read(path: Path, *, until: date | None = None) -> Iterator[DraftRecord]:
    """Yield one record per vote ID, in file order."""
    rows = _xlsx_rows(path) if path.suffix == ".xlsx" else _csv_rows(path)
    group: list[tuple[int, dict[str, str]]] = []
    for line, row in rows:
        if group and row["vote_id"] != group[0][1]["vote_id"]:
            yield from _keep(_record(group, path.name), until)
            group = []
        group.append((line, row))
    if group:
        yield from _keep(_record(group, path.name), until)


def _keep(record: DraftRecord, until: date | None) -> Iterable[DraftRecord]:
    return (record,) if until is None or record.date <= until else ()


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordError(
            f"cannot read the compressed file ({short_reason(exc)}): damaged or truncated?",
            file=path.name,
        ) from None
    text = io.StringIO(decode(data, file=path.name), newline="")
    yield from csv_rows(text, file=path.name, required=REQUIRED)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    for line, cells in xlsx_rows(path, XLSX_COLUMNS):
        yield line, {XLSX_COLUMNS[h]: _cell(value) for h, value in cells.items()}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _record(rows: list[tuple[int, dict[str, str]]], file: str) -> DraftRecord:
    line, first = rows[0]
    when = parse_iso(first["date_raw"], file=file, line=line, field="date_raw")
    outcome_text = first["outcome"].strip().lower()
    if outcome_text not in OUTCOMES:
        raise RecordError(
            f"unknown outcome {first['outcome']!r}", file=file, line=line, field="outcome"
        )
    outcome, vote_line = OUTCOMES[outcome_text]
    votes: dict[str, Vote] = {}
    extra: list[tuple[str, Vote]] = []
    for row_line, row in rows:
        code = member_code(
            row["member_state"], when, file=file, line=row_line, field="member_state"
        )
        vote = parse_vote(row["vote"], file=file, line=row_line, field="vote")
        if code in votes:
            extra.append((code, vote))
        else:
            votes[code] = vote
    draft = first["draft"].strip()
    symbol = _draft_symbol(draft)
    return DraftRecord(
        where=Where(SOURCE_ID, file, line),
        date=when,
        outcome=outcome,
        symbol=symbol,
        resolution_number=resolution_number(first["resolution"])
        if outcome is Outcome.ADOPTED
        else None,
        meeting_record=_meeting(first["meeting"]),
        agenda=first["agenda_item"].strip() or None,
        sponsors=sponsor_codes(first["submitted_by"], when),
        # "S/2016/239 amendment", "Oral amendment" (2023): a vote on an amendment.
        matter=Matter.AMENDMENT if "amendment" in draft.lower() else Matter.SUBSTANTIVE,
        kind=Kind.AMENDMENT if "amendment" in draft.lower() else Kind.DRAFT,
        votes=votes,
        vote_line=vote_line,
        date_as_in_source=first["date_raw"],
        note=f"draft as in source: {draft}" if draft and symbol != draft else None,
        outcome_text=first["outcome"].strip(),
        extra_votes=tuple(extra),
    )


_SYMBOL = re.compile(r"S\s*/\s*\d{4}\s*/\s*\d+(?:/Rev\.\d+)?", re.IGNORECASE)


def _draft_symbol(text: str) -> str | None:
    """``S/1995/395,  orally revised ...`` -> ``S/1995/395``."""
    found = _SYMBOL.search(text)
    return normalise_symbol(found.group(0)) if found else None


def _meeting(text: str) -> str | None:
    """``3326`` or ``S/PV.9521`` -> ``S/PV.3326``; 2020 written-procedure ids (``V131``): None."""
    value = text.strip()
    if value.isdigit():
        return f"S/PV.{value}"
    if value.upper().startswith("S/PV."):
        return "S/PV." + value[5:].strip()
    return None


def sponsor_codes(text: str, on: date) -> str | None:
    """The sponsors a source names, as ';'-joined codes; names it cannot resolve are dropped.

    Names are split at commas, then at "and" only where the parts resolve on their own
    ("Bosnia and Herzegovina" stays whole). "President" (a text put forward by the President
    on behalf of the Council) and "Committee on the Admission of New Members" have no sponsor.
    """
    clean = " ".join(text.replace("_x000D_", " ").replace("\u2019", "'").split())
    codes: list[str] = []
    for chunk in re.split(r"[,;]", clean):
        words = [re.sub(r"\(\d+\)|[.?]$", "", w).strip() for w in re.split(r"\band\b", chunk)]
        words = [w for w in words if w]
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):  # the longest run of parts that is one name
                code = _sponsor(" and ".join(words[i:j]), on)
                if code is not None:
                    if code not in codes:
                        codes.append(code)
                    i = j
                    break
            else:
                i += 1
    return ";".join(codes) or None


def _sponsor(name: str, on: date) -> str | None:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if not name or name.lower().startswith(("president", "-none-", "committee")):
        return None
    try:
        return resolve_state(name, on)
    except InputError:
        return None
