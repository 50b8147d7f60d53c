"""A session's votes as a record database, so the record's queries read a session.

:func:`load_votes` reads a session's export (or any file of votes in the record's shape,
:mod:`unsc.record.votes_file`) and writes a database with the record's schema
(:mod:`unsc.record.schema`): one ``drafts`` row per question, its members' ``votes``, its
``vetoes``, and a ``resolutions`` row for each draft adopted on a non-procedural matter. Then
``unsc draft``, ``unsc votes``, ``unsc stats``, ``unsc vetoes``, ``unsc search`` and
:class:`unsc.Record` work on it unchanged.

Its ``states`` table lists the members that vote in the file: a state under its name, a seat
of a preset (``P-RUS``, ``E1``) or a custom delegation under its own code (and the name the
export gives it). An adopted draft that carries no resolution number is numbered after the
highest one the file gives, as ``RES/N (SOURCE)``: a session's resolutions are its own.

The database is written as ``unsc record build`` writes the record (:mod:`unsc.record.replace`):
a new file beside the target, checked, fsynced and moved over it, so a failed load leaves the
previous file as it was. A record built from the official sources is never replaced.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unsc.errors import InputError, RecordError
from unsc.record.replace import (
    check_database,
    refuse_foreign_target,
    remove_stale_temps,
    terminate_as_exit,
    write_database,
)
from unsc.record.sources import SOURCES
from unsc.record.votes_file import VotedQuestion, VotesFile, read_votes_file
from unsc.states import is_state_code, state
from unsc.types import Matter, Outcome


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load wrote: the database, the file read and the counts."""

    db: Path
    votes_file: Path
    form: str
    questions: int
    outcomes: dict[str, int]
    votes: int
    vetoes: int
    resolutions: int
    members: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": str(self.db),
            "file": str(self.votes_file),
            "form": self.form,
            "questions": self.questions,
            "outcomes": self.outcomes,
            "votes": self.votes,
            "vetoes": self.vetoes,
            "resolutions": self.resolutions,
            "members": list(self.members),
        }


def load_votes(path: Path | str, db: Path | str) -> LoadReport:
    """Write the votes of ``path`` (a session export, JSON or CSV) as a record database at ``db``.

    Atomic: the previous file at ``db`` is replaced only by a database that was written whole
    and passed SQLite's integrity and foreign-key checks. A record database built from the
    official sources is refused as a target (load into a file of its own).
    """
    source, target = Path(path), Path(db)
    found = read_votes_file(source)
    for q in found.questions:
        if q.outcome is None:
            raise InputError(
                f"{q.where}: field 'outcome': the question has no outcome (adopted, vetoed or "
                "failed)",
                field="outcome",
            )
    refuse_foreign_target(target)
    _refuse_built_record(target)
    remove_stale_temps(target)
    with terminate_as_exit():
        counts = _write_new(target, found)
    return LoadReport(
        db=target,
        votes_file=source,
        form=found.form,
        questions=len(found.questions),
        outcomes=dict(Counter(q.outcome.value for q in found.questions if q.outcome)),
        votes=counts["votes"],
        vetoes=counts["vetoes"],
        resolutions=counts["resolutions"],
        members=found.codes,
    )


def _refuse_built_record(target: Path) -> None:
    """A record built from the official sources names them in its ``sources`` table."""
    if not target.is_file() or target.stat().st_size == 0:
        return
    official = {s.source_id for s in SOURCES}
    try:
        conn = sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ids = {r[0] for r in conn.execute("SELECT source_id FROM sources")}
        finally:
            conn.close()
    except sqlite3.Error:
        return  # refuse_foreign_target has said whether it may be replaced
    if ids & official:
        raise RecordError(
            "the target is the record built from the official sources; load a session into a "
            "database of its own (--db session.sqlite)",
            file=str(target),
        )


def source_id(q: VotedQuestion, file: VotesFile) -> str:
    """The question's source: the session it came from, else the file."""
    return q.source or f"file:{file.path.name}"


def _write_new(db: Path, found: VotesFile) -> dict[str, int]:
    counts: dict[str, int] = {}

    def fill(conn: sqlite3.Connection) -> None:
        counts.update(_write(conn, found))

    write_database(db, fill, check=check_database)
    return counts


def _write(conn: sqlite3.Connection, found: VotesFile) -> dict[str, int]:
    sources = dict.fromkeys(source_id(q, found) for q in found.questions)
    conn.executemany(
        "INSERT INTO sources (source_id, title, file) VALUES (?, ?, ?)",
        [(s, f"Votes read from {found.path.name}", found.path.name) for s in sources],
    )
    names: dict[str, str] = {}
    for q in found.questions:
        names.update(q.names)
    rows = []
    for code in found.codes:
        if is_state_code(code):
            s = state(code)
            rows.append((code, names.get(code, s.name), s.regional_group or None, s.m49 or None))
        else:
            rows.append((code, names.get(code, code), None, None))
    conn.executemany("INSERT INTO states VALUES (?, ?, ?, ?)", rows)
    numbers = _resolution_numbers(found)
    votes = vetoes = 0
    for q in found.questions:
        sid = source_id(q, found)
        assert q.outcome is not None  # checked by load_votes
        number = numbers.get(q.draft_id)
        conn.execute(
            "INSERT INTO drafts (draft_id, symbol, date, agenda, title, sponsors, matter, outcome,"
            " resolution_number, yes, no, abstain, not_voting, absent, source_id, kind, amends,"
            " counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                q.draft_id,
                q.symbol,
                q.date.isoformat(),
                q.agenda,
                q.title,
                ";".join(q.sponsors) or None,
                q.matter.value,
                q.outcome.value,
                number,
                *(q.count(k) for k in ("yes", "no", "abstain", "not_voting", "absent")),
                sid,
                q.kind,
                q.amends,
                # amendments apart, as the record counts them after the UN Library's veto list
                # (research.un.org/en/docs/sc/quick/veto)
                0 if q.kind == "amendment" else 1,
            ),
        )
        if number is not None:
            given = q.resolution_number is not None
            conn.execute(
                "INSERT INTO resolutions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    number,
                    f"S/RES/{number} ({q.date.year})" if given else f"RES/{number} ({sid})",
                    q.date.isoformat(),
                    q.title or q.agenda,
                    q.draft_id,
                    None,
                    sid,
                ),
            )
        conn.executemany(
            "INSERT INTO votes VALUES (?, ?, ?, ?)",
            [(q.draft_id, code, vote.value, sid) for code, vote in q.votes.items()],
        )
        conn.executemany(
            "INSERT INTO vetoes VALUES (?, ?, ?)", [(q.draft_id, c, sid) for c in q.vetoed_by]
        )
        votes += len(q.votes)
        vetoes += len(q.vetoed_by)
    return {"votes": votes, "vetoes": vetoes, "resolutions": len(numbers)}


def _resolution_numbers(found: VotesFile) -> dict[int, int]:
    """Draft id -> resolution number: the number given, else the next after the highest."""
    adopted = [
        q
        for q in found.questions
        if q.outcome is Outcome.ADOPTED
        and q.kind in ("draft", "membership")
        and (q.matter is Matter.SUBSTANTIVE or q.resolution_number is not None)
    ]
    numbers: dict[int, int] = {}
    taken: dict[int, str] = {}
    for q in adopted:
        if q.resolution_number is not None:
            if q.resolution_number in taken:
                raise InputError(
                    f"{q.where}: field 'resolution_number': {q.resolution_number} is also the "
                    f"number of {taken[q.resolution_number]}",
                    field="resolution_number",
                )
            taken[q.resolution_number] = q.symbol
            numbers[q.draft_id] = q.resolution_number
    following = max(taken, default=0)
    for q in adopted:
        if q.draft_id not in numbers:
            following += 1
            numbers[q.draft_id] = following
    return numbers
