"""The lifecycle rules: mandate lapse, technical rollovers, phases, and the chain checks.

- **Mandate lapse.** A mandate set to end on a date lapses if no resolution extends it by that
  date (e.g. UNOMIG on 15 June 2009 after the veto of S/2009/310, UNPREDEP on
  28 February 1999 after the veto of S/1999/201).
- **Technical rollover.** "An unaltered mandate ... extended by a concise resolution for a
  shorter period than is customary" (Security Council Report, *In Hindsight: When does the
  Security Council use technical rollovers?*, Monthly Forecast, November 2021; first used in
  Note S/2017/507, para. 81). Recognised here as a renewal of under about four months that is
  also under half the mission's usual period (e.g. UNMISS res. 2778 (2025): nine days).
- **Phases.** A mission is active, may lose its host's consent, is terminated, withdraws,
  is liquidated and closes; the mandate end date is not the exit date (res. 2690 (2023)
  ended MINUSMA's mandate on 30 June 2023 and set its withdrawal by 31 December 2023,
  SC/15341; res. 2559 (2020) did the same for UNAMID, SC/14401).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import median
from typing import Annotated, TypedDict

from unsc.missions.chain import MandateChain
from unsc.missions.loaders import CURATED_THROUGH, load_phases
from unsc.missions.models import (
    ActionKind,
    MandateResolution,
    Mission,
    MissionStatus,
    Phase,
    PhaseKind,
    TerminationKind,
)

ROLLOVER_MAX_DAYS = 122
"""About four months: SCR's examples are two weeks (UNSMIL res. 2595) and four months (2599)."""

LONG_INTERVAL_DAYS = 400
"""Longer than any usual mandate period (one year) plus a margin: two consecutive renewals this
far apart, with the first one's end date unknown, suggest resolutions missing from the data."""


class MandateState(StrEnum):
    NOT_ESTABLISHED = "not_established"
    IN_FORCE = "in_force"
    OPEN_ENDED = "open_ended"
    TERMINATED = "terminated"
    LAPSED = "lapsed"
    UNKNOWN = "unknown"


class MandateStatusDict(TypedDict):
    """A :class:`MandateStatus` as sent: ``set_by`` as the resolution's number."""

    state: Annotated[str, MandateState]
    on: date
    set_by: int | None
    mandate_end: date | None
    note: str | None


@dataclass(frozen=True)
class MandateStatus:
    state: MandateState
    on: date
    set_by: MandateResolution | None
    mandate_end: date | None
    note: str = ""

    def to_dict(self) -> MandateStatusDict:
        return {
            "state": self.state.value,
            "on": self.on,
            "set_by": self.set_by.number if self.set_by else None,
            "mandate_end": self.mandate_end,
            "note": self.note or None,
        }


def mandate_status(chain: MandateChain, on: date) -> MandateStatus:
    """The state of a mission's mandate on a day, by the mandate-lapse rule.

    The mandate in force is the one set by the latest resolution adopted on or before ``on``
    that gave an end date; it lapses the day after that end unless a later resolution extended
    it (e.g. UNOMIG's mandate lapsed on 15 June 2009 after the veto of S/2009/310). A mission
    set up with no fixed period (MINURSO, res. 690 (1991)) is open-ended until a resolution
    sets one.
    """
    mission = chain.mission
    if on < mission.start:
        return MandateStatus(MandateState.NOT_ESTABLISHED, on, None, None)
    latest = chain.latest(on)
    closed = mission.end is not None and on > mission.end
    if not mission.periodic and not closed:
        return MandateStatus(
            MandateState.OPEN_ENDED, on, chain.established, None, "no periodic renewal"
        )
    if closed and (latest is None or latest.mandate_end is None or not mission.periodic):
        state = (
            MandateState.LAPSED
            if mission.termination is TerminationKind.LAPSE
            else MandateState.TERMINATED
        )
        how = mission.termination.value if mission.termination else "how is not recorded"
        return MandateStatus(state, on, latest, None, f"mission closed on {mission.end} ({how})")
    opening = chain.established
    if (
        latest is None
        and opening is not None
        and opening.origin == "curated"
        and opening.mandate_end is None
        and opening.date is not None
        and opening.date <= on
    ):
        return MandateStatus(
            MandateState.OPEN_ENDED,
            on,
            opening,
            None,
            f"res. {opening.number} set no fixed period; a later resolution set one",
        )
    if latest is None or latest.mandate_end is None:
        return MandateStatus(
            MandateState.UNKNOWN, on, latest, None, "no mandate end date in the curated data"
        )
    end = latest.mandate_end
    if latest.action is ActionKind.TERMINATE:
        state = MandateState.TERMINATED if on >= end else MandateState.IN_FORCE
        return MandateStatus(state, on, latest, end)
    if on <= end:
        return MandateStatus(MandateState.IN_FORCE, on, latest, end)
    through = mission.curated_through or CURATED_THROUGH
    if on > through and mission.status is MissionStatus.ACTIVE:
        return MandateStatus(
            MandateState.UNKNOWN,
            on,
            latest,
            end,
            f"after {through} (end of the curated data) a renewal may be missing",
        )
    if mission.termination is TerminationKind.FINAL_MANDATE and (
        latest.number == mission.terminated_by or closed
    ):
        return MandateStatus(MandateState.TERMINATED, on, latest, end, "final extension ran out")
    return MandateStatus(
        MandateState.LAPSED,
        on,
        latest,
        end,
        f"no resolution extended the mandate by {end.isoformat()}",
    )


def lapses(chain: MandateChain) -> list[tuple[MandateResolution, date]]:
    """Every lapse the chain shows: (resolution whose end date passed, the day it lapsed).

    A lapse is an end date with no extending resolution adopted by it; the next extension, if
    any, revived the mandate later. A final extension that ran out as announced is not a lapse.
    """
    found: list[tuple[MandateResolution, date]] = []
    extending = [e for e in chain.extending if e.date is not None]
    for i, entry in enumerate(extending):
        if entry.mandate_end is None or entry.action is ActionKind.TERMINATE:
            continue
        following = extending[i + 1] if i + 1 < len(extending) else None
        if following is not None:
            assert following.date is not None
            if following.date > entry.mandate_end:
                found.append((entry, entry.mandate_end + timedelta(days=1)))
        elif chain.mission.termination is TerminationKind.LAPSE:
            found.append((entry, entry.mandate_end + timedelta(days=1)))
    return found


def periods(chain: MandateChain) -> list[tuple[MandateResolution, int]]:
    """(renewal, length in days of the period it set) where both ends are known.

    A period runs from the previous mandate end; renewals after an unknown end are skipped.
    """
    result: list[tuple[MandateResolution, int]] = []
    previous_end: date | None = None
    for entry in chain.extending:
        if entry.mandate_end is not None and entry.date is not None:
            # Without the previous end date the period's start is unknown: not counted.
            if entry.action.renews and previous_end is not None:
                result.append((entry, (entry.mandate_end - previous_end).days))
            previous_end = entry.mandate_end
        else:
            previous_end = None
    return result


def usual_period(chain: MandateChain) -> int | None:
    """The median length in days of the mission's known renewal periods."""
    lengths = [days for _, days in periods(chain)]
    return int(median(lengths)) if lengths else None


def rollovers(chain: MandateChain) -> list[tuple[MandateResolution, int]]:
    """Renewals recognised as technical rollovers, with their length in days."""
    usual = usual_period(chain)
    found = []
    for entry, days in periods(chain):
        if days < ROLLOVER_MAX_DAYS and (usual is None or days * 2 < usual):
            found.append((entry, days))
    return found


def is_rollover(chain: MandateChain, number: int | None) -> bool:
    return any(e.number == number for e, _ in rollovers(chain))


def phases(mission: Mission) -> tuple[Phase, ...]:
    """The curated phases of a mission, else phases derived from its start and end dates."""
    curated = tuple(p for p in load_phases() if p.mission == mission.acronym)
    if curated:
        return tuple(sorted(curated, key=lambda p: p.start))
    derived = [
        Phase(
            mission.acronym,
            PhaseKind.ACTIVE,
            mission.start,
            mission.end,
            mission.source,
            derived=True,
        )
    ]
    if mission.end is not None:
        derived.append(
            Phase(
                mission.acronym,
                PhaseKind.CLOSED,
                mission.end + timedelta(days=1),
                None,
                mission.source,
                derived=True,
            )
        )
    return tuple(derived)


def phase_on(mission: Mission, day: date) -> Phase | None:
    for phase in phases(mission):
        if phase.contains(day):
            return phase
    return None


@dataclass(frozen=True)
class ChainFinding:
    """A problem the chain check found: an unexplained gap, or a fact missing from the data."""

    mission: str
    kind: str
    """``order``, ``gap``, ``long_interval``, ``no_establishment``, ``no_termination``,
    ``termination_not_last``, ``end_unknown``."""
    detail: str

    def __str__(self) -> str:
        return f"{self.mission}: {self.kind}: {self.detail}"


def check_chain(chain: MandateChain) -> list[ChainFinding]:
    """Check that a chain is ordered, has no unexplained gap, and ends for a closed mission.

    A gap is an extension adopted after the previous mandate end; it is *explained* when the
    mission is recorded as having lapsed there. Where end dates are unknown, two renewals more
    than ``LONG_INTERVAL_DAYS`` apart are reported as ``long_interval``: resolutions are likely
    missing from the data.
    """
    mission = chain.mission
    out: list[ChainFinding] = []

    def add(kind: str, detail: str) -> None:
        out.append(ChainFinding(mission.acronym, kind, detail))

    numbered = [e.number for e in chain.entries if e.number is not None]
    if numbered != sorted(numbered) or len(set(numbered)) != len(numbered):
        add("order", "resolution numbers are not strictly increasing")
    dated = [e.date for e in chain.entries if e.date is not None]
    if dated != sorted(dated):
        add("order", "dates are not in order")
    if mission.established_by is None:
        add("no_establishment", "not established by a Council resolution (General Assembly)")
    elif chain.established is None:
        add("no_establishment", f"res. {mission.established_by} is not in the chain")
    explained = (
        {entry.number for entry, _ in lapses(chain)}
        if mission.termination is TerminationKind.LAPSE
        else set()
    )
    extending = [e for e in chain.extending if e.date is not None]
    for before, after in zip(extending, extending[1:], strict=False):
        assert before.date is not None and after.date is not None
        if before.mandate_end is not None:
            # A termination adopted after the end date closes the mission, it does not revive
            # it (res. 1997 (2011) ended UNMIS as of 9 July 2011, two days earlier).
            late_end = after.action is ActionKind.TERMINATE
            # A curated note beginning "gap:" explains a renewal adopted after the end (e.g. a
            # day late, res. 834 (1993) for UNAVEM II) with its source.
            noted = after.notes.startswith("gap:") or "; gap:" in after.notes
            if (
                after.date > before.mandate_end
                and before.number not in explained
                and not late_end
                and not noted
            ):
                add(
                    "gap",
                    f"res. {after.number} ({after.date}) came after the mandate set by "
                    f"res. {before.number} ended on {before.mandate_end}",
                )
        elif (
            (after.date - before.date).days > LONG_INTERVAL_DAYS
            and mission.periodic
            and not (before.action is ActionKind.ESTABLISH and before.origin == "curated")
        ):
            add(
                "long_interval",
                f"{(after.date - before.date).days} days between res. {before.number} "
                f"({before.date}) and res. {after.number} ({after.date}); "
                f"the end date set by res. {before.number} is unknown",
            )
    if mission.status is MissionStatus.CLOSED:
        term = chain.termination
        if mission.termination is TerminationKind.LAPSE:
            if not lapses(chain):
                add("no_termination", "recorded as lapsed but the last mandate end date is unknown")
        elif mission.termination is TerminationKind.HOST_WITHDRAWAL:
            add("no_termination", "ended by the host's withdrawal of consent, not by a resolution")
        elif mission.terminated_by is None:
            add("no_termination", "the resolution that ended it is not in the curated data")
        elif term is None:
            add("no_termination", f"res. {mission.terminated_by} is not in the chain")
        else:
            later = [
                e
                for e in chain.entries
                if (e.number or 0) > (term.number or 0) and e.action is not ActionKind.OTHER
            ]
            # A later adjustment may arrange the withdrawal (res. 880 (1993) after UNTAC's
            # mandate ended under res. 860); a later renewal would contradict the termination.
            for last in later:
                add(
                    "termination_not_last",
                    f"res. {last.number} ({last.action.value}) comes after the terminating "
                    f"res. {term.number}",
                )
    return out
