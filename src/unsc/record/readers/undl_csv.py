"""The UN Library's "Security Council Voting Data" CSV (UN Digital Library record 4055387).

One row per member per adopted resolution. Columns are those of the Library's data dictionary
(``undl_sc_voting/*_sc_voting_md.md``, versions 3 and 6): undl_id, ms_code, ms_name,
permanent_member, ms_vote (Y/N/A/X), date, resolution, draft, meeting, description, agenda,
subjects, vote_note, modality, total_yes, total_no, total_abstentions, total_non_voting,
total_ms, undl_link. The dictionary notes that a resolution adopted without a vote has every
member recorded "Y" (``modality`` says so); we keep the votes and flag the adoption.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from unsc.errors import RecordError
from unsc.record.readers._common import (
    csv_rows,
    member_code,
    normalise_symbol,
    open_text,
    parse_int,
    parse_iso,
    parse_vote,
    resolution_number,
)
from unsc.record.records import DraftRecord, Tally, VoteLine, Where
from unsc.types import Outcome, Vote

SOURCE_ID = "undl-voting"
COLUMNS = (
    "undl_id",
    "ms_code",
    "ms_name",
    "permanent_member",
    "ms_vote",
    "date",
    "resolution",
    "draft",
    "meeting",
    "description",
    "agenda",
    "subjects",
    "vote_note",
    "modality",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
)
REQUIRED = (
    "ms_code",
    "ms_vote",
    "date",
    "resolution",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
)


def find(source: Path) -> list[Path]:
    """The Voting Data CSV files in a source directory (``undl_sc_voting/*_sc_voting.csv``)."""
    return sorted((source / "undl_sc_voting").glob("*sc_voting*.csv"))


def read(path: Path, *, until: date | None = None) -> Iterator[DraftRecord]:
    """Yield one record per resolution, with each member's vote, in file order."""
    name = path.name
    with open_text(path) as handle:
        current: list[tuple[int, dict[str, str]]] = []
        for line, row in csv_rows(handle, file=name, required=REQUIRED):
            if current and row["resolution"] != current[0][1]["resolution"]:
                record = _record(current, name)
                if until is None or record.date <= until:
                    yield record
                current = []
            current.append((line, row))
        if current:
            record = _record(current, name)
            if until is None or record.date <= until:
                yield record


def _record(rows: list[tuple[int, dict[str, str]]], file: str) -> DraftRecord:
    line, first = rows[0]
    when = parse_iso(first["date"], file=file, line=line, field="date")
    number = resolution_number(first["resolution"])
    if number is None:
        raise RecordError(
            f"not a resolution symbol: {first['resolution']!r}",
            file=file,
            line=line,
            field="resolution",
        )
    votes: dict[str, Vote] = {}
    for row_line, row in rows:
        code_text = row["ms_code"].strip()
        code = member_code(code_text, when, file=file, line=row_line, field="ms_code")
        if len(code_text) != 3 or code != code_text.upper():
            raise RecordError(
                f"unknown member code {code_text!r}", file=file, line=row_line, field="ms_code"
            )
        if code in votes:
            raise RecordError(
                f"duplicate vote of {code} on {first['resolution']}",
                file=file,
                line=row_line,
                field="ms_code",
            )
        votes[code] = parse_vote(row["ms_vote"], file=file, line=row_line, field="ms_vote")
    tally = Tally(
        yes=parse_int(first["total_yes"], file=file, line=line, field="total_yes"),
        no=parse_int(first["total_no"], file=file, line=line, field="total_no"),
        abstain=parse_int(
            first["total_abstentions"], file=file, line=line, field="total_abstentions"
        ),
        not_voting=parse_int(
            first["total_non_voting"], file=file, line=line, field="total_non_voting"
        ),
    )
    modality = (first.get("modality") or "").lower()
    draft = (first.get("draft") or "").strip()
    return DraftRecord(
        where=Where(SOURCE_ID, file, line),
        date=when,
        outcome=Outcome.ADOPTED,
        symbol=normalise_symbol(draft) if draft else None,
        resolution_number=number,
        meeting_record=(first.get("meeting") or "").strip() or None,
        agenda=(first.get("agenda") or "").strip() or None,
        title=(first.get("description") or "").strip() or None,
        subjects=(first.get("subjects") or "").strip() or None,
        votes=votes,
        tally=tally,
        vote_line=VoteLine.stated(f"{modality} {first.get('vote_note') or ''}")
        or (VoteLine.WITHOUT_VOTE if "without" in modality else VoteLine.VOTED),
        note=(first.get("vote_note") or "").strip() or None,
    )
