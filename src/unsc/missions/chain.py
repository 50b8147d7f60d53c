"""A mission's mandate chain: every resolution that established, renewed, adjusted or ended it.

The chain is assembled from three layers, later ones winning for the same resolution number:

1. the resolution-title crosswalk (57 missions, 1946-2021: mission names matched in the titles
   of the UN Digital Library's voting records of resolutions 1-2617), read from the
   source directory when present; its action hints come from titles and are only trusted for
   renewals (a title "on the establishment of ..." can concern a human-rights office, e.g.
   res. 1077 (1996) for UNOMIG);
2. the establishing and terminating resolutions named in ``missions.csv``;
3. the curated rows of ``mandates.csv`` (mandate end dates and ceilings, with sources).

Votes come from the record database (``unsc.record.query.resolution``) when a connection is
given; without one every tally is ``unknown`` and says why. Resolution numbers are
chronological, so the chain is ordered by number (dates can be missing without the record).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, TypedDict

from unsc.errors import NotFoundError
from unsc.missions.loaders import (
    load_crosswalk,
    load_curated_mandates,
    load_missions,
)
from unsc.missions.models import (
    ActionKind,
    MandateResolution,
    MandateResolutionDict,
    Mission,
    RecordedVote,
    TerminationKind,
)
from unsc.missions.titles import hint_of, mandate_end_of, mission_of
from unsc.record.records import Tally

NO_RECORD = "unknown: no record database (run `unsc record build`)"
NOT_IN_RECORD = "unknown: not in the record"


class ChainLink(TypedDict):
    """A resolution of the chain by number and date."""

    number: int | None
    date: date | None


class Termination(ChainLink):
    kind: Annotated[str, TerminationKind] | None


class MandateChainDict(TypedDict):
    """A :class:`MandateChain` as sent: the mission's acronym, its establishing and
    terminating resolutions, where titles and votes came from, and every resolution."""

    acronym: str
    established: ChainLink | None
    terminated_by: Termination | None
    titles_available: bool
    votes_from: str
    resolutions: list[MandateResolutionDict]


@dataclass(frozen=True)
class MandateChain:
    mission: Mission
    entries: tuple[MandateResolution, ...]
    titles_available: bool
    """Whether the title crosswalk was found (without it only curated rows are known)."""
    votes_from: str
    """``record`` or the reason votes are unknown."""

    @property
    def established(self) -> MandateResolution | None:
        for entry in self.entries:
            if entry.action is ActionKind.ESTABLISH:
                return entry
        return None

    @property
    def termination(self) -> MandateResolution | None:
        """The entry the mission's ``terminated_by`` names, if it is in the chain."""
        number = self.mission.terminated_by
        if number is None:
            return None
        for entry in self.entries:
            if entry.number == number:
                return entry
        return None

    @property
    def extending(self) -> tuple[MandateResolution, ...]:
        """Entries that set a mandate end date or ended the mandate, in order."""
        return tuple(
            e
            for e in self.entries
            if e.action.extends or e.action is ActionKind.TERMINATE or e.mandate_end is not None
        )

    def latest(self, on: date | None = None) -> MandateResolution | None:
        """The last entry with a known mandate end adopted on or before ``on`` (or at all)."""
        found = None
        for entry in self.entries:
            if entry.mandate_end is None or entry.date is None:
                continue
            if on is not None and entry.date > on:
                break
            found = entry
        return found

    def to_dict(self) -> MandateChainDict:
        established = self.established
        termination = self.termination
        return {
            "acronym": self.mission.acronym,
            "established": (
                {"number": established.number, "date": established.date} if established else None
            ),
            "terminated_by": (
                {
                    "number": termination.number,
                    "date": termination.date,
                    "kind": self.mission.termination.value if self.mission.termination else None,
                }
                if termination
                else None
            ),
            "titles_available": self.titles_available,
            "votes_from": self.votes_from,
            "resolutions": [e.to_dict() for e in self.entries],
        }


def _from_titles(mission: Mission, source: Path | None) -> tuple[list[MandateResolution], bool]:
    rows = load_crosswalk(source)
    if rows is None:
        return [], False
    entries = []
    for row in rows:
        if row.mission != mission.acronym:
            continue
        if row.number == mission.established_by:
            action = ActionKind.ESTABLISH
        elif row.number == mission.terminated_by:
            action = _termination_action(mission)
        elif row.hint == "extension_of_mandate":
            action = ActionKind.RENEW
        else:
            action = ActionKind.OTHER
        note = "" if row.hint in ("other", "extension_of_mandate") else f"title hint: {row.hint}"
        entries.append(
            MandateResolution(
                mission=mission.acronym,
                number=row.number,
                date=row.date,
                action=action,
                mandate_end=row.until if action is ActionKind.RENEW else None,
                source=f"resolution title (crosswalk line {row.line})",
                notes=note,
                origin="titles",
            )
        )
    return entries, True


@dataclass(frozen=True)
class RecordTitle:
    number: int
    adopted: date | None
    mission: str
    hint: str
    until: date | None


def record_titles(conn: sqlite3.Connection) -> dict[str, list[RecordTitle]]:
    """Resolutions of the record whose title names one mission, by mission acronym.

    This finds what the crosswalk misses (it matched titles cut off before the acronym, e.g.
    MONUSCO's renewals "... in the Democratic Republic of the Co[...]").
    """
    missions = tuple(load_missions().values())
    found: dict[str, list[RecordTitle]] = {}
    for row in conn.execute("SELECT number, date, title FROM resolutions WHERE title LIKE '%[%'"):
        title = row["title"] or ""
        acronym = mission_of(title, missions)
        if acronym is None:
            continue
        day = date.fromisoformat(row["date"]) if row["date"] else None
        found.setdefault(acronym, []).append(
            RecordTitle(row["number"], day, acronym, hint_of(title), mandate_end_of(title))
        )
    return found


def _from_record(mission: Mission, titles: list[RecordTitle]) -> list[MandateResolution]:
    entries = []
    for row in titles:
        if row.number == mission.established_by:
            action = ActionKind.ESTABLISH
        elif row.number == mission.terminated_by:
            action = _termination_action(mission)
        elif row.hint == "extension_of_mandate":
            action = ActionKind.RENEW
        else:
            action = ActionKind.OTHER
        entries.append(
            MandateResolution(
                mission=mission.acronym,
                number=row.number,
                date=row.adopted,
                action=action,
                mandate_end=row.until if action is ActionKind.RENEW else None,
                source=f"resolution title in the record (res. {row.number})",
                origin="record",
            )
        )
    return entries


def _termination_action(mission: Mission) -> ActionKind:
    """A final extension renews the mandate one last time; other endings terminate it."""
    if mission.termination is TerminationKind.FINAL_MANDATE:
        return ActionKind.RENEW
    return ActionKind.TERMINATE


def _from_mission(mission: Mission) -> list[MandateResolution]:
    entries = []
    if mission.established_by is not None:
        entries.append(
            MandateResolution(
                mission=mission.acronym,
                number=mission.established_by,
                date=None,
                action=ActionKind.ESTABLISH,
                source=mission.source,
                origin="missions",
            )
        )
    if mission.terminated_by is not None and mission.terminated_by != mission.established_by:
        entries.append(
            MandateResolution(
                mission=mission.acronym,
                number=mission.terminated_by,
                date=None,
                action=_termination_action(mission),
                source=mission.source,
                notes="final extension"
                if mission.termination is TerminationKind.FINAL_MANDATE
                else "",
                origin="missions",
            )
        )
    return entries


def _merge(layers: list[list[MandateResolution]]) -> list[MandateResolution]:
    by_number: dict[int, MandateResolution] = {}
    unnumbered: list[MandateResolution] = []
    for layer in layers:
        for entry in layer:
            number = entry.number
            if number is None:
                unnumbered.append(entry)
                continue
            old = by_number.get(number)
            if old is not None:
                entry = replace(
                    entry,
                    date=entry.date or old.date,
                    mandate_end=entry.mandate_end or old.mandate_end,
                    notes=entry.notes or old.notes,
                )
            by_number[number] = entry
    numbered = sorted(by_number.values(), key=lambda e: e.number or 0)
    # An entry without a number goes after the last numbered entry adopted before it.
    merged = list(numbered)
    for entry in sorted(unnumbered, key=lambda e: e.date or date.min):
        at = len(merged)
        for i, other in enumerate(merged):
            if other.date is not None and entry.date is not None and other.date > entry.date:
                at = i
                break
        merged.insert(at, entry)
    return merged


def _vote(conn: sqlite3.Connection, number: int) -> tuple[RecordedVote, date | None]:
    from unsc.record import query

    try:
        res = query.resolution(conn, number)
    except NotFoundError:
        return RecordedVote(source=NOT_IN_RECORD), None
    votes = res.get("votes") or {}
    # The record keeps the three counts together: all or none (none: adopted without a vote).
    known = res.get("yes") is not None
    vote = RecordedVote(
        tally=Tally(res["yes"], res["no"], res["abstain"]) if known else None,
        abstainers=tuple(sorted(c for c, v in votes.items() if v == "abstain")),
        against=tuple(sorted(c for c, v in votes.items() if v == "no")),
        source="record",
    )
    day = date.fromisoformat(res["date"]) if res.get("date") else None
    return vote, day


def with_votes(
    entries: list[MandateResolution], conn: sqlite3.Connection | None
) -> list[MandateResolution]:
    """Attach the record's tally (and date, where the chain lacks one) to every entry."""
    result = []
    for entry in entries:
        if conn is None:
            result.append(replace(entry, vote=RecordedVote(source=NO_RECORD)))
        elif entry.number is None:
            result.append(
                replace(entry, vote=RecordedVote(source="unknown: resolution number unknown"))
            )
        else:
            vote, day = _vote(conn, entry.number)
            result.append(replace(entry, vote=vote, date=entry.date or day))
    return result


def mandate_chain(
    mission: Mission | str,
    conn: sqlite3.Connection | None = None,
    *,
    source: Path | None = None,
    record_index: dict[str, list[RecordTitle]] | None = None,
) -> MandateChain:
    """The mandate chain of a mission, with votes from the record when ``conn`` is given.

    With the record, resolutions whose record title names the mission join the chain too.
    """
    if isinstance(mission, str):
        from unsc.missions.loaders import find_mission

        mission = find_mission(mission)
    titles, available = _from_titles(mission, source)
    from_record: list[MandateResolution] = []
    if conn is not None:
        index = record_index if record_index is not None else record_titles(conn)
        from_record = _from_record(mission, index.get(mission.acronym, []))
    curated = [e for e in load_curated_mandates() if e.mission == mission.acronym]
    layers = [from_record, titles, _from_mission(mission), curated]
    entries = with_votes(_merge(layers), conn)
    return MandateChain(
        mission=mission,
        entries=tuple(entries),
        titles_available=available,
        votes_from="record" if conn is not None else NO_RECORD,
    )


def all_chains(
    conn: sqlite3.Connection | None = None, *, source: Path | None = None
) -> dict[str, MandateChain]:
    """The chain of every mission, by acronym."""
    index = record_titles(conn) if conn is not None else None
    return {
        a: mandate_chain(m, conn, source=source, record_index=index)
        for a, m in load_missions().items()
    }
