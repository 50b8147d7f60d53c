"""Compare the record with an independent reference: one fact per row, each with a source.

The reference is a CSV file (UTF-8, header ``subject,field,value,source,note``; format in
``docs/record-queries.md``): ``subject`` is ``res:NNN`` or ``draft:SYMBOL``; ``field`` is one of
``date``, ``tally`` (``Y-N-A``), ``vote_line``, ``outcome``, ``vetoed_by``, ``matter``, ``kind``,
``sponsors``, ``amends`` or ``vote:CODE``. :func:`audit` gives the agreement per field and every
disagreement with both values and the reference's note (where it explains a known one).
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from unsc.errors import InputError, RecordError
from unsc.states import resolve_state

COLUMNS = ("subject", "field", "value", "source", "note")
FIELDS = (
    "date",
    "tally",
    "vote_line",
    "outcome",
    "vetoed_by",
    "matter",
    "kind",
    "sponsors",
    "amends",
)
LISTS = ("vetoed_by", "sponsors")
NOT_IN_RECORD = "(not in the record)"
MISSING = "(none)"
AMBIGUOUS = "(ambiguous: {n} votes without a symbol at {meeting})"
_MEETING = re.compile(r"^S/PV\.[1-9]\d*$")
_SPELLED = re.compile(r"^(S/PV\.[1-9]\d*)/(.*[^\d\s].*)$")
"""``S/PV.57/Transjordan``: a meeting record, ``/`` and a state's name (letters, not a
revision or year number)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One row of the reference."""

    line: int
    subject: str
    field: str
    value: str
    source: str
    note: str

    @property
    def group(self) -> str:
        """The field agreement is reported under: every ``vote:CODE`` is ``vote``."""
        return "vote" if self.field.startswith("vote:") else self.field


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A fact the record states otherwise (or does not have)."""

    line: int
    subject: str
    field: str
    reference: str
    record: str
    source: str
    note: str

    @property
    def missing(self) -> bool:
        """True when the record holds no value for the fact (a gap in coverage), False when it
        holds a different one (a contradiction)."""
        return self.record in (NOT_IN_RECORD, MISSING) or self.record.startswith("(ambiguous")

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "subject": self.subject,
            "field": self.field,
            "reference": self.reference,
            "record": self.record,
            "missing": self.missing,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class FieldAgreement:
    field: str
    facts: int
    agree: int
    missing: int = 0
    """Facts the record holds no value for (the subject or the value is absent)."""

    @property
    def rate(self) -> float:
        """Agreement over every fact: a fact the record lacks counts against it."""
        return self.agree / self.facts if self.facts else 1.0

    @property
    def contradicted(self) -> int:
        """Facts the record states otherwise."""
        return self.facts - self.agree - self.missing

    @property
    def held_rate(self) -> float:
        """Agreement over the facts the record holds a value for."""
        held = self.facts - self.missing
        return self.agree / held if held else 1.0


@dataclass(frozen=True, slots=True)
class AuditReport:
    reference: str
    facts: int
    fields: tuple[FieldAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    outside: tuple[str, ...] = ()
    """Subjects after the record's end, not compared."""

    @property
    def unexplained(self) -> tuple[Disagreement, ...]:
        """Disagreements the reference's note does not explain."""
        return tuple(d for d in self.disagreements if not d.note.strip())

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "facts": self.facts,
            "agree": sum(f.agree for f in self.fields),
            "fields": {
                f.field: {
                    "facts": f.facts,
                    "agree": f.agree,
                    "agreement": round(f.rate, 4),
                    "missing": f.missing,
                    "contradicted": f.contradicted,
                    "agreement_where_held": round(f.held_rate, 4),
                }
                for f in self.fields
            },
            "disagreements": [d.to_dict() for d in self.disagreements],
            "unexplained": len(self.unexplained),
            "outside_the_record": list(self.outside),
        }


def read_reference(path: Path) -> list[Fact]:
    """Every fact of a reference file; a malformed row is a RecordError naming file and line."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"cannot read the reference: {exc}", file=str(path)) from None
    reader = csv.DictReader(text.splitlines())
    try:
        return _facts(reader, name)
    except csv.Error as exc:
        raise RecordError(f"malformed CSV: {exc}", file=name, line=reader.line_num) from None


def _facts(reader: csv.DictReader[str], name: str) -> list[Fact]:
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise RecordError(f"the header lacks {', '.join(missing)}", file=name, line=1)
    facts: list[Fact] = []
    for row in reader:
        line = reader.line_num
        cells = {k: (v or "").strip() for k, v in row.items() if k is not None}
        subject, field = cells["subject"], cells["field"]
        if not subject.startswith(("res:", "draft:")):
            raise RecordError(
                f"subject {subject!r}: use res:NNN or draft:SYMBOL",
                file=name,
                line=line,
                field="subject",
            )
        if field not in FIELDS and not field.startswith("vote:"):
            raise RecordError(f"unknown field {field!r}", file=name, line=line, field="field")
        facts.append(
            Fact(line, subject, field, cells["value"], cells["source"], cells.get("note", ""))
        )
    return facts


def _resolve(conn: sqlite3.Connection, subject: str) -> tuple[list[sqlite3.Row], str | None]:
    """The record's rows for a subject, and why there are none when that is not plain absence
    (a meeting whose votes without a symbol are several)."""
    kind, _, ident = subject.partition(":")
    if kind == "res":
        if not (ident.isascii() and ident.isdigit() and len(ident) < 19):  # SQLite's integers
            return [], None
        return list(
            conn.execute(
                "SELECT d.* FROM resolutions r JOIN drafts d ON d.draft_id = r.draft_id"
                " WHERE r.number = ?",
                (int(ident),),
            )
        ), None
    rows = list(
        conn.execute(
            "SELECT * FROM drafts WHERE symbol = ? COLLATE NOCASE ORDER BY date, draft_id",
            (ident,),
        )
    )
    if rows:
        return rows, None
    rows = list(  # a vote no symbol names, by its curated id (S/PV.704#MNG)
        conn.execute("SELECT * FROM drafts WHERE ref = ? ORDER BY date, draft_id", (ident,))
    )
    if rows:
        return rows, None
    if _MEETING.match(ident):
        return _only_vote_of(conn, ident)
    spelled = _SPELLED.match(ident)
    if spelled:
        ref = _spelled_ref(conn, spelled.group(1), spelled.group(2))
        if ref is not None:
            return list(
                conn.execute("SELECT * FROM drafts WHERE ref = ? ORDER BY date, draft_id", (ref,))
            ), None
    # The veto list and the meetings tables do not always cite the same revision of a draft
    # (S/14832/Rev.1 or Rev.2, 20 Jan 1982): the same draft without its revision.
    base = _base(ident)
    return [
        r
        for r in conn.execute(
            "SELECT * FROM drafts WHERE symbol LIKE ? ORDER BY date, draft_id", (base + "%",)
        )
        if _base(r["symbol"]) == base
    ], None


def _only_vote_of(conn: sqlite3.Connection, meeting: str) -> tuple[list[sqlite3.Row], str | None]:
    """``draft:S/PV.NNN``: the meeting's one vote without a document symbol (resolutions
    aside); several are reported as ambiguous, never guessed."""
    rows = list(
        conn.execute(
            "SELECT * FROM drafts WHERE meeting_record = ? AND coalesce(symbol, '') = ''"
            " AND resolution_number IS NULL ORDER BY draft_id",
            (meeting,),
        )
    )
    if len(rows) > 1:
        return [], AMBIGUOUS.format(n=len(rows), meeting=meeting)
    return rows, None


def _spelled_ref(conn: sqlite3.Connection, meeting: str, name: str) -> str | None:
    """``S/PV.57`` and ``Transjordan`` -> ``S/PV.57#JOR``: the state's code by the names of
    ``states.csv`` and ``state_names.csv`` (former names too), on the meeting's date."""
    day = conn.execute(
        "SELECT min(date) FROM drafts WHERE meeting_record = ?", (meeting,)
    ).fetchone()[0]
    try:
        code = resolve_state(name, date.fromisoformat(day) if day else None)
    except InputError:
        return None
    return f"{meeting}#{code}"


def _base(symbol: str) -> str:
    return symbol.upper().split("/REV.")[0].split("/ADD.")[0].split("/CORR.")[0]


def _last_day(conn: sqlite3.Connection) -> tuple[str, int]:
    day, number = conn.execute("SELECT max(date), max(number) FROM resolutions").fetchone()
    return str(day), int(number)


def out_of_scope(facts: list[Fact], last_day: str, last_number: int) -> set[str]:
    """Subjects after the record's end: a resolution numbered past its last, or a subject
    whose reference date is after its last day (the record ends on 31 December 2023)."""
    late = {f.subject for f in facts if f.field == "date" and f.value > last_day}
    for f in facts:
        kind, _, ident = f.subject.partition(":")
        if kind == "res" and ident.isdigit() and int(ident) > last_number:
            late.add(f.subject)
    return late


def record_value(conn: sqlite3.Connection, row: sqlite3.Row, field: str) -> str:
    """The record's value of ``field`` for one vote, in the reference's convention."""
    if field == "date":
        return str(row["date"])
    if field == "tally":
        return "" if row["yes"] is None else f"{row['yes']}-{row['no']}-{row['abstain']}"
    if field == "matter":
        return "procedural" if row["matter"] == "procedural" else "substantive"
    have = row.keys()
    if field == "vote_line" and "vote_line" not in have:  # a record built before schema 2
        return "without_vote" if row["adopted_without_vote"] else "voted"
    if field == "kind" and "kind" not in have:
        return {"amendment": "amendment", "preliminary": "preliminary"}.get(row["matter"], "draft")
    if field in ("vote_line", "outcome", "kind"):
        return str(row[field])
    if field == "amends":
        return str(row["amends"] or "") if "amends" in have else ""
    if field == "sponsors":
        return ";".join(sorted(s for s in (row["sponsors"] or "").split(";") if s))
    if field == "vetoed_by":
        codes = conn.execute(
            "SELECT state_code FROM vetoes WHERE draft_id = ? ORDER BY state_code",
            (row["draft_id"],),
        )
        return ";".join(c[0] for c in codes)
    code = field.removeprefix("vote:")
    found = conn.execute(
        "SELECT vote FROM votes WHERE draft_id = ? AND state_code = ?", (row["draft_id"], code)
    ).fetchone()
    return str(found[0]) if found else ""


def _same(field: str, reference: str, record: str) -> bool:
    if field in LISTS:
        return {c.strip().upper() for c in reference.split(";") if c.strip()} == {
            c for c in record.split(";") if c
        }
    if field == "amends":
        return reference.strip().upper() == record.upper()
    return reference.strip().lower() == record.lower()


def _compare(conn: sqlite3.Connection, facts: list[Fact]) -> Iterator[tuple[Fact, str | None]]:
    """Each fact with None when the record agrees, else the record's value."""
    cache: dict[str, tuple[list[sqlite3.Row], str | None]] = {}
    for fact in facts:
        found = cache.get(fact.subject)
        if found is None:
            found = cache[fact.subject] = _resolve(conn, fact.subject)
        rows, why = found
        if not rows:
            yield fact, why or NOT_IN_RECORD
            continue
        values = [record_value(conn, row, fact.field) for row in rows]
        # A symbol voted more than once (in parts, or again after a revision): any vote agrees.
        if any(_same(fact.field, fact.value, v) for v in values):
            yield fact, None
        else:
            yield fact, values[-1] or MISSING


def audit(conn: sqlite3.Connection, reference: Path) -> AuditReport:
    """Compare the record behind ``conn`` with the facts of the file ``reference``."""
    every = read_reference(Path(reference))
    outside = out_of_scope(every, *_last_day(conn))
    facts = [f for f in every if f.subject not in outside]
    totals: dict[str, list[int]] = {}
    disagreements: list[Disagreement] = []
    for fact, record in _compare(conn, facts):
        tally = totals.setdefault(fact.group, [0, 0, 0])
        tally[0] += 1
        if record is None:
            tally[1] += 1
            continue
        found = Disagreement(
            fact.line, fact.subject, fact.field, fact.value, record, fact.source, fact.note
        )
        tally[2] += found.missing
        disagreements.append(found)
    order = {f: i for i, f in enumerate((*FIELDS, "vote"))}
    fields = tuple(
        FieldAgreement(f, n, k, m)
        for f, (n, k, m) in sorted(totals.items(), key=lambda kv: order.get(kv[0], 99))
    )
    return AuditReport(
        str(reference), len(facts), fields, tuple(disagreements), tuple(sorted(outside))
    )
