"""The host state's position on a mission as of a date, from the curated consent events.

Consent of the main parties is the first principle of peacekeeping (*United Nations
Peacekeeping Operations: Principles and Guidelines*, 2008, ch. 3.1). A mission is deployed with
its host's consent, so with no curated event before a date the host is taken to consent
(``assumed``); afterwards the latest event that states a position holds until the next one
(e.g. Mali asked for MINUSMA's withdrawal on 16 June 2023: ``requests_withdrawal`` from then on).
A restriction does not soften a standing request to draw down or leave (Sudan asked UNAMID for
an exit strategy on 21 November 2014 and closed its human rights office two days later); any
other later position replaces the earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, TypedDict

from unsc.missions.loaders import find_mission, load_consent_events
from unsc.missions.models import ConsentEvent, ConsentEventDict, HostPosition


class HostStanceDict(TypedDict):
    mission: str
    on: date
    position: Annotated[str, HostPosition]
    since: date | None
    assumed: bool
    event: ConsentEventDict | None


@dataclass(frozen=True)
class HostStance:
    """The host's position on a mission on a day, and the event it rests on."""

    mission: str
    on: date
    position: HostPosition
    since: date | None
    """The date of the event that set it; ``None`` when assumed from the deployment."""
    event: ConsentEvent | None
    assumed: bool
    """True when no curated event states a position by ``on``: consent is presumed."""

    def to_dict(self) -> HostStanceDict:
        return {
            "mission": self.mission,
            "on": self.on,
            "position": self.position.value,
            "since": self.since,
            "assumed": self.assumed,
            "event": self.event.to_dict() if self.event else None,
        }


def position_events(acronym: str) -> tuple[ConsentEvent, ...]:
    """The mission's curated events that state a host position, in date order."""
    mission = find_mission(acronym)
    return tuple(
        e for e in load_consent_events() if e.mission == mission.acronym and e.position is not None
    )


def _replaces(new: HostPosition, standing: HostPosition) -> bool:
    """Whether a new position replaces the standing one (a restriction never softens it)."""
    return not (new is HostPosition.RESTRICTS and standing.severity > new.severity)


def host_position(acronym: str, on: date) -> HostStance:
    """The host's position on the mission as of ``on`` (events dated ``on`` included).

    Only events known by that day count, so a forecast for a day never sees a later position.
    """
    mission = find_mission(acronym)
    latest: ConsentEvent | None = None
    for event in position_events(mission.acronym):
        if event.date > on:
            break
        assert event.position is not None
        if latest is None or latest.position is None or _replaces(event.position, latest.position):
            latest = event
    if latest is None or latest.position is None:
        return HostStance(mission.acronym, on, HostPosition.CONSENTS, None, None, assumed=True)
    return HostStance(mission.acronym, on, latest.position, latest.date, latest, assumed=False)


class PositionSpanDict(TypedDict):
    """A :class:`PositionSpan` as sent, with the title of the event that set it."""

    position: Annotated[str, HostPosition]
    start: date
    end: date | None
    title: str


@dataclass(frozen=True)
class PositionSpan:
    """A stretch of time over which the host's position did not change."""

    position: HostPosition
    start: date
    end: date | None
    """The day before the next position; ``None`` while it holds."""
    event: ConsentEvent | None

    def to_dict(self) -> PositionSpanDict:
        return {
            "position": self.position.value,
            "start": self.start,
            "end": self.end,
            "title": self.event.title if self.event else "consent presumed at deployment",
        }


def position_spans(acronym: str) -> tuple[PositionSpan, ...]:
    """The host's positions over the mission's life, from its start (consent presumed)."""
    mission = find_mission(acronym)
    spans: list[PositionSpan] = []
    current = PositionSpan(HostPosition.CONSENTS, mission.start, None, None)
    for event in position_events(mission.acronym):
        assert event.position is not None
        if event.date <= current.start:
            current = PositionSpan(event.position, current.start, None, event)
            continue
        if event.position is current.position or not _replaces(event.position, current.position):
            continue
        spans.append(
            PositionSpan(current.position, current.start, _day_before(event.date), current.event)
        )
        current = PositionSpan(event.position, event.date, None, event)
    spans.append(current)
    return tuple(spans)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)
