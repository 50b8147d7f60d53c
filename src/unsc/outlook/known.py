"""What was known on a day: the mandate chains, missions and host events as of that day.

The outlook of a month must not use anything dated after its ``as_of`` day: a resolution adopted
later, a host's later request, or the way a mission ended (``missions.csv`` records the end date,
the terminating resolution and the kind of ending, all facts of the future for an earlier day).
:func:`known_as_of` cuts the curated data down to what a reader had on that day; every part of
the outlook reads only such a snapshot (a test changes the future and checks that the outlook
of an earlier day is unchanged).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from unsc.missions.chain import MandateChain
from unsc.missions.models import ConsentEvent, Mission, MissionStatus


@dataclass(frozen=True)
class Known:
    """The chains (entries adopted on or before ``as_of``) and host events known on ``as_of``."""

    as_of: date
    chains: Mapping[str, MandateChain]
    events: tuple[ConsentEvent, ...]


def known_mission(mission: Mission, as_of: date, adopted: Mapping[int, date]) -> Mission:
    """The mission as a reader on ``as_of`` knew it: its ending hidden until it happened."""
    ended = mission.end is not None and mission.end <= as_of
    terminated = mission.terminated_by
    if terminated is not None and (terminated not in adopted or adopted[terminated] > as_of):
        terminated = None
    if ended:
        return replace(mission, terminated_by=terminated)
    return replace(
        mission,
        end=None,
        status=MissionStatus.ACTIVE,
        terminated_by=terminated,
        termination=None,
        successors=(),
    )


def known_as_of(
    chains: Mapping[str, MandateChain], events: Iterable[ConsentEvent], as_of: date
) -> Known:
    """Cut the chains and events down to what was known on ``as_of`` (inclusive)."""
    out: dict[str, MandateChain] = {}
    for acronym, chain in chains.items():
        if chain.mission.start > as_of:
            continue
        entries = tuple(e for e in chain.entries if e.date is not None and e.date <= as_of)
        adopted = {e.number: e.date for e in chain.entries if e.number is not None and e.date}
        mission = known_mission(chain.mission, as_of, adopted)
        out[acronym] = replace(chain, mission=mission, entries=entries)
    return Known(as_of, out, tuple(e for e in events if e.date <= as_of))
