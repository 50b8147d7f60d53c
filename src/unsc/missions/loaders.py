"""Loading the curated mission tables and, when present, the resolution-title crosswalk.

Curated tables (facts written for unsc, one ``source`` per row) live in ``unsc/data``:
``missions.csv``, ``mandates.csv``, ``mission_phases.csv``, ``consent_events.csv`` and
``minusma_options.csv``. The resolution-title crosswalk
(``peacekeeping/derived_pko_mission_resolutions_from_titles_1946_2021.csv``: mission names
matched in the titles of the UN Digital Library's voting records) is UN-derived and is read
from the source directory at run time, never copied into the repository.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from unsc._data import curated_rows, optional_date
from unsc.errors import NotFoundError, RecordError
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    ConsentEventKind,
    DatePrecision,
    Day,
    EndCheck,
    HostPosition,
    MandateResolution,
    Mission,
    MissionKind,
    MissionStatus,
    Phase,
    PhaseKind,
    TerminationKind,
)
from unsc.missions.titles import mandate_end_of
from unsc.states import resolve_state

SOURCE_ENV = "UNSC_SOURCE"
CROSSWALK = Path("peacekeeping") / "derived_pko_mission_resolutions_from_titles_1946_2021.csv"

CURATED_THROUGH = date(2026, 1, 31)
"""The last date the curated mandate rows were checked for (res. 2815 (2026), UNFICYP, 30 Jan
2026). After it a mandate that seems to have lapsed may simply have been renewed unseen."""

CROSSWALK_ALIASES = {"IPTF": "UNMIBH"}
"""Crosswalk acronyms that belong to a mission under another name: the International Police
Task Force was the police component of UNMIBH (res. 1035 (1995))."""

NOT_PEACEKEEPING = frozenset({"BINUB", "UNIOSIL", "MINUCI", "UNPF"})
"""Crosswalk acronyms skipped: political offices (BINUB, UNIOSIL, MINUCI) and the UN Peace
Forces headquarters (UNPF), none of them in the UN list of peacekeeping operations."""


def source_dir() -> Path:
    """The directory of the source datasets: ``$UNSC_SOURCE``, else ``<repo>/../shared/data``."""
    env = os.environ.get(SOURCE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _int(value: str, *, file: str, line: int, field: str) -> int | None:
    if not value:
        return None
    try:
        return int(value.replace(",", ""))
    except ValueError:
        raise RecordError(
            f"not a whole number: {value!r}", file=file, line=line, field=field
        ) from None


def _required_date(value: str, *, file: str, line: int, field: str) -> date:
    parsed = optional_date(value, file=file, line=line, field=field)
    if parsed is None:
        raise RecordError("a date is required", file=file, line=line, field=field)
    return parsed


E = TypeVar(
    "E",
    ActionKind,
    PhaseKind,
    ConsentEventKind,
    DatePrecision,
    TerminationKind,
    MissionKind,
    EndCheck,
    HostPosition,
)


def _enum(kind: type[E], value: str, *, file: str, line: int, field: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise RecordError(
            f"{value!r} is not one of: {allowed}", file=file, line=line, field=field
        ) from None


def _codes(value: str, *, file: str, line: int, field: str) -> tuple[str, ...]:
    codes = []
    for part in filter(None, (p.strip() for p in value.split(";"))):
        try:
            codes.append(resolve_state(part))
        except Exception as exc:  # resolve_state raises InputError with its own wording
            raise RecordError(str(exc), file=file, line=line, field=field) from None
    return tuple(codes)


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def key(acronym: str) -> str:
    """The lookup key of an acronym: upper case without spaces or hyphens (``unef-i`` = UNEF I)."""
    return "".join(ch for ch in acronym.upper() if ch.isalnum())


@lru_cache(maxsize=1)
def load_missions() -> dict[str, Mission]:
    """Every mission of ``missions.csv`` by acronym, in the file's (chronological) order."""
    file = "missions.csv"
    result: dict[str, Mission] = {}
    for line, row in curated_rows(file):
        acronym = row["acronym"]
        if not acronym:
            raise RecordError("empty acronym", file=file, line=line, field="acronym")
        if acronym in result:
            raise RecordError(f"duplicate mission {acronym}", file=file, line=line, field="acronym")
        try:
            status = MissionStatus(row["status"])
        except ValueError:
            raise RecordError(
                f"status {row['status']!r} is not active or closed",
                file=file,
                line=line,
                field="status",
            ) from None
        termination = (
            _enum(TerminationKind, row["termination"], file=file, line=line, field="termination")
            if row["termination"]
            else None
        )
        if row["renewal"] not in ("periodic", "none"):
            raise RecordError("expected periodic or none", file=file, line=line, field="renewal")
        result[acronym] = Mission(
            acronym=acronym,
            name=row["name"],
            hosts=_codes(row["hosts"], file=file, line=line, field="hosts"),
            territory=row["territory"],
            start=_required_date(row["start"], file=file, line=line, field="start"),
            end=optional_date(row["end"], file=file, line=line, field="end"),
            status=status,
            established_by=_int(
                row["established_by"], file=file, line=line, field="established_by"
            ),
            terminated_by=_int(row["terminated_by"], file=file, line=line, field="terminated_by"),
            termination=termination,
            periodic=row["renewal"] == "periodic",
            predecessors=_split(row["predecessor"]),
            successors=_split(row["successor"]),
            source=row["source"],
            notes=row["notes"],
            kind=_enum(MissionKind, row["kind"], file=file, line=line, field="kind"),
            curated_through=optional_date(
                row["curated_through"], file=file, line=line, field="curated_through"
            ),
        )
    return result


def find_mission(acronym: str) -> Mission:
    """The mission with this acronym (any case, spaces and hyphens ignored)."""
    wanted = key(acronym)
    for mission in load_missions().values():
        if key(mission.acronym) == wanted:
            return mission
    raise NotFoundError(
        f"no peacekeeping mission {acronym!r} (try e.g. MINUSMA, UNIFIL, MONUSCO)", field="acronym"
    )


def lineage(acronym: str) -> tuple[str, ...]:
    """Every mission linked to this one by predecessor or successor links, oldest first.

    E.g. UNMIH, UNSMIH, UNTMIH, MIPONUH (Haiti, 1993-2000); MONUC, MONUSCO.
    """
    missions = load_missions()
    start = find_mission(acronym).acronym
    seen = {start}
    todo = [start]
    while todo:
        current = missions[todo.pop()]
        for other in (*current.predecessors, *current.successors):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    order = list(missions)
    return tuple(sorted(seen, key=lambda a: (missions[a].start, order.index(a))))


@lru_cache(maxsize=1)
def load_curated_mandates() -> tuple[MandateResolution, ...]:
    """The curated rows of ``mandates.csv``."""
    file = "mandates.csv"
    known = load_missions()
    rows = []
    for line, row in curated_rows(file):
        if row["mission"] not in known:
            raise RecordError(
                f"unknown mission {row['mission']!r}", file=file, line=line, field="mission"
            )
        if not row["source"]:
            raise RecordError("every row needs a source", file=file, line=line, field="source")
        checked = _enum(EndCheck, row["checked"], file=file, line=line, field="checked")
        if checked is EndCheck.PAGE and not row["checked_against"]:
            raise RecordError(
                "checked = page needs the page in checked_against",
                file=file,
                line=line,
                field="checked_against",
            )
        action = _enum(ActionKind, row["action"], file=file, line=line, field="action")
        end = optional_date(row["mandate_end"], file=file, line=line, field="mandate_end")
        # An establishment may set no period (MINURSO, res. 690 (1991)): the note must say so.
        open_start = action is ActionKind.ESTABLISH and "no fixed period" in row["notes"]
        if end is None and action is not ActionKind.OTHER and not open_start:
            raise RecordError(
                f"a {action.value} row needs the mandate end it sets",
                file=file,
                line=line,
                field="mandate_end",
            )
        rows.append(
            MandateResolution(
                mission=row["mission"],
                number=_int(row["number"], file=file, line=line, field="number"),
                date=_required_date(row["date"], file=file, line=line, field="date"),
                action=action,
                mandate_end=end,
                military=_int(row["military"], file=file, line=line, field="military"),
                police=_int(row["police"], file=file, line=line, field="police"),
                verified=checked is not EndCheck.TEXT,
                source=row["source"],
                notes=row["notes"],
                origin="curated",
                checked=checked,
                checked_against=row["checked_against"],
            )
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def curated_by_resolution() -> dict[int, tuple[MandateResolution, ...]]:
    """The curated mandate rows of each resolution number (what it did, to which mission).

    One resolution can act on two missions: res. 1528 (2004) ended MINUCI and established
    UNOCI. A resolution absent from the mapping set no mandate in the curated data.
    """
    found: dict[int, list[MandateResolution]] = {}
    for entry in load_curated_mandates():
        if entry.number is not None:
            found.setdefault(entry.number, []).append(entry)
    return {number: tuple(entries) for number, entries in found.items()}


@lru_cache(maxsize=1)
def load_phases() -> tuple[Phase, ...]:
    file = "mission_phases.csv"
    known = load_missions()
    phases = []
    for line, row in curated_rows(file):
        if row["mission"] not in known:
            raise RecordError(
                f"unknown mission {row['mission']!r}", file=file, line=line, field="mission"
            )
        phases.append(
            Phase(
                mission=row["mission"],
                kind=_enum(PhaseKind, row["kind"], file=file, line=line, field="kind"),
                start=_required_date(row["start"], file=file, line=line, field="start"),
                end=optional_date(row["end"], file=file, line=line, field="end"),
                source=row["source"],
                notes=row["notes"],
            )
        )
    return tuple(phases)


@lru_cache(maxsize=1)
def load_consent_events() -> tuple[ConsentEvent, ...]:
    file = "consent_events.csv"
    known = load_missions()
    events = []
    for line, row in curated_rows(file):
        if row["mission"] not in known:
            raise RecordError(
                f"unknown mission {row['mission']!r}", file=file, line=line, field="mission"
            )
        if not row["source"]:
            raise RecordError("every row needs a source", file=file, line=line, field="source")
        actor = row["actor"]
        if actor != "UN":
            actor = _codes(actor, file=file, line=line, field="actor")[0]
        events.append(
            ConsentEvent(
                mission=row["mission"],
                date=_required_date(row["date"], file=file, line=line, field="date"),
                precision=_enum(
                    DatePrecision, row["precision"], file=file, line=line, field="precision"
                ),
                kind=_enum(ConsentEventKind, row["kind"], file=file, line=line, field="kind"),
                actor=actor,
                title=row["title"],
                detail=row["detail"],
                source=row["source"],
                position=(
                    _enum(HostPosition, row["position"], file=file, line=line, field="position")
                    if row["position"]
                    else None
                ),
            )
        )
    return tuple(sorted(events, key=lambda e: (e.mission, e.date)))


@dataclass(frozen=True)
class TitleRow:
    """One row of the resolution-title crosswalk: a resolution whose title names a mission."""

    mission: str
    number: int
    date: date
    hint: str
    """``establishment``, ``extension_of_mandate``, ``termination`` or ``other`` (title)."""
    line: int
    until: Day | None = None
    """The mandate end the title states ("... until 15 July 2013"), if any."""


def _crosswalk_mission(acronym: str, day: date) -> str | None:
    """Map a crosswalk acronym to a mission of ``missions.csv``.

    The crosswalk's ``UNEF`` covers both forces: Council resolutions before 1967 concern UNEF I
    (established by the General Assembly), from 1973 on UNEF II.
    """
    if acronym in NOT_PEACEKEEPING:
        return None
    if acronym == "UNEF":
        return "UNEF I" if day.year < 1970 else "UNEF II"
    acronym = CROSSWALK_ALIASES.get(acronym, acronym)
    return acronym if acronym in load_missions() else None


def iter_crosswalk(path: Path) -> Iterator[TitleRow]:
    """Read the title crosswalk, naming the line of any row it cannot read."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            line = reader.line_num
            try:
                day = date.fromisoformat(row["date"])
                number = int(row["resolution_number"])
            except (ValueError, TypeError, KeyError):
                raise RecordError(
                    "unreadable date or resolution number", file=str(path), line=line
                ) from None
            mission = _crosswalk_mission(row["mission_acronym"], day)
            if mission is None:
                continue
            hint = row.get("action_hint_from_title") or "other"
            until = mandate_end_of(row.get("title") or "")
            yield TitleRow(mission, number, day, hint, line, until)


@lru_cache(maxsize=4)
def load_crosswalk(directory: Path | None = None) -> tuple[TitleRow, ...] | None:
    """The crosswalk rows of peacekeeping missions, or ``None`` when the file is not there."""
    path = (directory or source_dir()) / CROSSWALK
    if not path.is_file():
        return None
    return tuple(iter_crosswalk(path))
