"""The mission view: everything unsc knows about one mission, as one dict.

The same shape serves ``unsc mission ACRONYM --json`` and any HTTP route: ``acronym``,
``established`` (number, date), ``resolutions`` (number, date, yes, no, abstain,
mandate_end, ...), ``terminated_by``, ``phases``, ``consent_events``, ``host_position`` (as
of the day) and ``host_positions`` (the host's position over time).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import TypedDict

from unsc.missions.chain import ChainLink, Termination, mandate_chain
from unsc.missions.consent import (
    HostStanceDict,
    PositionSpanDict,
    host_position,
    position_spans,
)
from unsc.missions.lifecycle import (
    MandateStatusDict,
    check_chain,
    lapses,
    mandate_status,
    phases,
    rollovers,
)
from unsc.missions.loaders import CURATED_THROUGH, find_mission, lineage, load_consent_events
from unsc.missions.models import ConsentEventDict, MandateResolutionDict, MissionDict, PhaseDict


class ChainResolution(MandateResolutionDict):
    """A resolution of the chain, and whether it was a technical rollover."""

    technical_rollover: bool


class Lapse(TypedDict):
    """A mandate that ended with no resolution extending it by its end date."""

    number: int | None
    mandate_end: date | None
    lapsed_on: date


class MissionView(TypedDict):
    """``unsc mission ACRONYM --json``: the mission, its lineage, its mandate chain with votes,
    the mandate's status and lapses, phases, consent events, the host's position (on the day
    and over time), the chain's data findings and the date the curated rows run to."""

    acronym: str
    mission: MissionDict
    lineage: list[str]
    established: ChainLink | None
    terminated_by: Termination | None
    resolutions: list[ChainResolution]
    votes_from: str
    titles_available: bool
    mandate_status: MandateStatusDict
    lapses: list[Lapse]
    phases: list[PhaseDict]
    consent_events: list[ConsentEventDict]
    host_position: HostStanceDict
    host_positions: list[PositionSpanDict]
    findings: list[str]
    curated_through: date


def mission_view(
    acronym: str,
    conn: sqlite3.Connection | None = None,
    *,
    on: date | None = None,
    source: Path | None = None,
) -> MissionView:
    """The mission, its mandate chain with votes, phases, consent events and data findings."""
    mission = find_mission(acronym)
    chain = mandate_chain(mission, conn, source=source)
    rolled = {e.number: days for e, days in rollovers(chain)}
    resolutions = []
    for entry in chain.entries:
        row: ChainResolution = {**entry.to_dict(), "technical_rollover": entry.number in rolled}
        resolutions.append(row)
    data = chain.to_dict()
    today = on or date.today()
    return {
        "acronym": mission.acronym,
        "mission": mission.to_dict(),
        "lineage": list(lineage(mission.acronym)),
        "established": data["established"],
        "terminated_by": data["terminated_by"],
        "resolutions": resolutions,
        "votes_from": chain.votes_from,
        "titles_available": chain.titles_available,
        "mandate_status": mandate_status(chain, today).to_dict(),
        "lapses": [
            {"number": e.number, "mandate_end": e.mandate_end, "lapsed_on": day}
            for e, day in lapses(chain)
        ],
        "phases": [p.to_dict() for p in phases(mission)],
        "consent_events": [
            e.to_dict() for e in load_consent_events() if e.mission == mission.acronym
        ],
        "host_position": host_position(mission.acronym, today).to_dict(),
        "host_positions": [s.to_dict() for s in position_spans(mission.acronym)],
        "findings": [f"{f.kind}: {f.detail}" for f in check_chain(chain)],
        "curated_through": CURATED_THROUGH,
    }
