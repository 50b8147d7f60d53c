"""The mandate calendar: which mandates end in a window, with each mission's renewal history.

A mandate is *due* on a day when the resolution in force on that day (the latest adopted on or
before it that set an end date) ends within the window, i.e. the Council must act by then or
the mandate lapses (see :mod:`unsc.missions.lifecycle`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, TypedDict

from unsc.council import ENLARGED_FROM, quota_on
from unsc.errors import InputError
from unsc.missions.chain import MandateChain, all_chains
from unsc.missions.consent import HostStance, HostStanceDict, host_position
from unsc.missions.lifecycle import MandateState, is_rollover, mandate_status
from unsc.missions.loaders import CURATED_THROUGH
from unsc.missions.models import ActionKind, MandateResolution, MissionKind

#: The longest window asked for: a hundred years of mandates.
MAX_WITHIN = 36_525


class ContestedVote(TypedDict):
    """A renewal adopted with votes against or abstentions; ``margin``: yes votes beyond the
    quota of its day."""

    number: int | None
    date: date | None
    vote: str
    yes: int | None
    no: int | None
    abstain: int | None
    margin: int
    abstainers: list[str]
    against: list[str]


class RenewalHistoryDict(TypedDict):
    """A :class:`RenewalHistory` as sent, with its one-line ``summary``."""

    resolutions: int
    votes_known: int
    unanimous: int
    contested: list[ContestedVote]
    summary: str


class SetBy(TypedDict):
    """The resolution that set a mandate's end."""

    number: int | None
    date: date | None
    vote: str
    action: Annotated[str, ActionKind]
    verified: bool
    technical_rollover: bool


class DueMandateDict(TypedDict):
    acronym: str
    name: str
    kind: Annotated[str, MissionKind]
    mandate_end: date
    days_left: int
    set_by: SetBy
    history: RenewalHistoryDict
    host_position: HostStanceDict


class CalendarDict(TypedDict):
    """``unsc mandates due --json``: the window (``on`` to ``until``), whether the curated
    data cover all of it (``complete``), where votes came from, and the mandates due."""

    on: date
    within: int
    until: date
    curated_through: date
    complete: bool
    votes_from: str
    due: list[DueMandateDict]


@dataclass(frozen=True)
class RenewalHistory:
    """How the Council voted on a mission's mandate: unanimous or contested, and by how much."""

    resolutions: int
    votes_known: int
    unanimous: int
    contested: tuple[MandateResolution, ...]

    @property
    def summary(self) -> str:
        if not self.votes_known:
            return f"{self.resolutions} resolutions; votes unknown (no record)"
        parts = [f"{self.unanimous} of {self.votes_known} unanimous"]
        if self.contested:
            shown = ", ".join(
                f"{e.number} {e.vote.text()}"
                + (f" ({', '.join(e.vote.abstainers)} abstained)" if e.vote.abstainers else "")
                for e in self.contested[-3:]
            )
            parts.append(f"contested: {shown}")
        return "; ".join(parts)

    def to_dict(self) -> RenewalHistoryDict:
        return {
            "resolutions": self.resolutions,
            "votes_known": self.votes_known,
            "unanimous": self.unanimous,
            "contested": [
                {
                    "number": e.number,
                    "date": e.date,
                    "vote": e.vote.text(),
                    "yes": e.vote.tally.yes if e.vote.tally else None,
                    "no": e.vote.tally.no if e.vote.tally else None,
                    "abstain": e.vote.tally.abstain if e.vote.tally else None,
                    "margin": (e.vote.tally.yes if e.vote.tally else 0)
                    - quota_on(e.date or ENLARGED_FROM),
                    "abstainers": list(e.vote.abstainers),
                    "against": list(e.vote.against),
                }
                for e in self.contested
            ],
            "summary": self.summary,
        }


def renewal_history(chain: MandateChain, *, until: date | None = None) -> RenewalHistory:
    """The voting history of the chain's resolutions adopted up to ``until``."""
    entries = [
        e
        for e in chain.entries
        if e.action is not ActionKind.OTHER or e.mandate_end is not None
        if until is None or e.date is None or e.date <= until
    ]
    known = [e for e in entries if e.vote.known]
    contested = tuple(e for e in known if e.vote.unanimous is False)
    return RenewalHistory(
        resolutions=len(entries),
        votes_known=len(known),
        unanimous=sum(1 for e in known if e.vote.unanimous),
        contested=contested,
    )


@dataclass(frozen=True)
class DueMandate:
    acronym: str
    name: str
    mandate_end: date
    days_left: int
    set_by: MandateResolution
    rollover: bool
    history: RenewalHistory
    host: HostStance
    kind: MissionKind = MissionKind.PEACEKEEPING

    def to_dict(self) -> DueMandateDict:
        return {
            "acronym": self.acronym,
            "name": self.name,
            "kind": self.kind.value,
            "mandate_end": self.mandate_end,
            "days_left": self.days_left,
            "set_by": {
                "number": self.set_by.number,
                "date": self.set_by.date,
                "vote": self.set_by.vote.text(),
                "action": self.set_by.action.value,
                "verified": self.set_by.verified,
                "technical_rollover": self.rollover,
            },
            "history": self.history.to_dict(),
            "host_position": self.host.to_dict(),
        }


@dataclass(frozen=True)
class Calendar:
    on: date
    within: int
    due: tuple[DueMandate, ...]
    curated_through: date
    votes_from: str

    def to_dict(self) -> CalendarDict:
        return {
            "on": self.on,
            "within": self.within,
            "until": self.on + timedelta(days=self.within),
            "curated_through": self.curated_through,
            "complete": self.on + timedelta(days=self.within) <= self.curated_through,
            "votes_from": self.votes_from,
            "due": [d.to_dict() for d in self.due],
        }


def mandates_due(
    on: date,
    within: int = 60,
    conn: sqlite3.Connection | None = None,
    *,
    source: Path | None = None,
    kind: MissionKind | str | None = None,
    chains: Mapping[str, MandateChain] | None = None,
) -> Calendar:
    """Mandates in force on ``on`` that end within ``within`` days (inclusive), soonest first.

    ``kind`` keeps only peacekeeping operations or only special political missions. ``chains``
    (from :func:`all_chains`) spares rebuilding them when the calendar is asked for many days.
    """
    if isinstance(within, bool) or not isinstance(within, int) or within < 0:
        raise InputError(f"within: {within!r} is not a number of days >= 0", field="within")
    if within > MAX_WITHIN or on > date.max - timedelta(days=within):
        raise InputError(
            f"within: {within} days from {on} is past the calendar (at most {MAX_WITHIN} days, "
            "ending by 9999-12-31)",
            field="within",
        )
    if kind is not None and not isinstance(kind, MissionKind):
        try:
            kind = MissionKind(kind)
        except ValueError:
            allowed = ", ".join(k.value for k in MissionKind)
            raise InputError(f"kind: {kind!r} is not one of: {allowed}", field="kind") from None
    until = on + timedelta(days=within)
    due = []
    if chains is None:
        chains = all_chains(conn, source=source)
    for chain in chains.values():
        if kind is not None and chain.mission.kind is not kind:
            continue
        status = mandate_status(chain, on)
        if status.state is not MandateState.IN_FORCE or status.mandate_end is None:
            continue
        if status.set_by is None or not (on <= status.mandate_end <= until):
            continue
        if status.set_by.action is ActionKind.TERMINATE:
            continue
        due.append(
            DueMandate(
                acronym=chain.mission.acronym,
                name=chain.mission.name,
                mandate_end=status.mandate_end,
                days_left=(status.mandate_end - on).days,
                set_by=status.set_by,
                rollover=is_rollover(chain, status.set_by.number),
                history=renewal_history(chain, until=on),
                host=host_position(chain.mission.acronym, on),
                kind=chain.mission.kind,
            )
        )
    due.sort(key=lambda d: (d.mandate_end, d.acronym))
    votes_from = next(iter(chains.values())).votes_from if chains else "unknown"
    return Calendar(on, within, tuple(due), CURATED_THROUGH, votes_from)
