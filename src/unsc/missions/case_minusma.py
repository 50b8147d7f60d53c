"""The MINUSMA case, told from unsc's own data.

The mandate chain with its votes (the two abstentions of 2022 on res. 2640), the consent
timeline, the three options of the Secretary-General's internal review of January 2023
(S/2023/36) as draft scenarios, and the decision of 30 June 2023 (res. 2690) replayed by the
rules engine (:func:`unsc.rules.decide_on`), with what each option would have needed to pass.

Sources: the ``source`` column of every curated row (press releases SC/14953 and SC/15341,
S/2023/36, S/2023/402 and the resolutions themselves).

A forecaster can be plugged in: ``build_case(conn, forecaster=f)`` calls
``f(option, decision_date)`` for each option and stores the probability it returns. A host-aware
one too: ``build_case(conn, host_forecaster=g)`` calls ``g(options, decision_date)`` and keeps
what it returns, one forecast per option and one for the termination that was adopted, each with
Mali's position as of 16 June 2023 (:func:`unsc.forecast.cases.host_forecasts`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Protocol, TypedDict

from unsc.membership import members_on
from unsc.missions.chain import MandateChain, MandateChainDict, mandate_chain
from unsc.missions.lifecycle import MandateStatus, MandateStatusDict, mandate_status, phases
from unsc.missions.loaders import find_mission, load_consent_events
from unsc.missions.models import (
    ConsentEvent,
    ConsentEventDict,
    ConsentEventKind,
    MandateResolution,
    MandateResolutionDict,
    MissionDict,
    Phase,
    PhaseDict,
)
from unsc.missions.options import DraftOption, DraftOptionDict, load_options
from unsc.rules import Decision, decide_on
from unsc.types import Outcome

DECISION_DATE = date(2023, 6, 30)
"""Res. 2690 (2023) was adopted on 30 June 2023, the day the mandate set by 2640 ended."""

ABSTENTIONS_OF = 2640
"""The 2022 renewal (13-0-2, China and the Russian Federation abstaining: SC/14953)."""

TERMINATION = 2690

Forecaster = Callable[[DraftOption, date], float]
"""``forecaster(option, on)`` -> probability in [0, 1] that the option's draft is adopted."""


class HostForecast(Protocol):
    """A draft forecast with the host's position (the forecasting part lives in unsc.forecast)."""

    @property
    def label(self) -> str: ...

    @property
    def could_pass(self) -> bool: ...

    def to_dict(self) -> dict[str, object]: ...


HostForecaster = Callable[[tuple[DraftOption, ...], date], Sequence[HostForecast]]
"""``host_forecaster(options, on)`` -> one forecast per option, then the adopted termination."""

__all__ = [
    "DECISION_DATE",
    "Forecaster",
    "HostForecast",
    "HostForecaster",
    "MinusmaCase",
    "OptionAssessment",
    "Replay",
    "assess_option",
    "build_case",
]


class ReplayDict(TypedDict):
    label: str
    no: list[str]
    abstain: list[str]
    outcome: Annotated[str, Outcome]
    tally: str
    explanation: str


class OptionAssessmentDict(DraftOptionDict):
    """An option as sent: the option's fields, what it needed to pass, and its replays."""

    needed: str
    required: int
    slack: int
    veto_holders: list[str]
    conflicts_with_host: ConsentEventDict | None
    replays: list[ReplayDict]
    forecast: float | None


class DecisionOf2023(TypedDict):
    """The decision of 30 June 2023: replayed, as recorded, and what lapse rule says without it."""

    date: date
    replay: ReplayDict
    recorded: MandateResolutionDict | None
    replay_matches_record: bool | None
    without_decision: MandateStatusDict


class MinusmaCaseDict(TypedDict):
    """The MINUSMA case as ``unsc case minusma --json`` and ``/api/minusma`` send it."""

    mission: MissionDict
    chain: MandateChainDict
    phases: list[PhaseDict]
    consent_events: list[ConsentEventDict]
    abstentions_2022: MandateResolutionDict | None
    options: list[OptionAssessmentDict]
    host_forecasts: list[dict[str, object]]
    decision: DecisionOf2023


@dataclass(frozen=True)
class Replay:
    """One hypothetical vote on a draft, decided by the rules engine for the Council of a date."""

    label: str
    no: tuple[str, ...]
    abstain: tuple[str, ...]
    decision: Decision

    def to_dict(self) -> ReplayDict:
        return {
            "label": self.label,
            "no": list(self.no),
            "abstain": list(self.abstain),
            "outcome": self.decision.outcome.value,
            "tally": self.decision.tally,
            "explanation": self.decision.explanation,
        }


@dataclass(frozen=True)
class OptionAssessment:
    option: DraftOption
    required: int
    """Yes votes needed (Art. 27(3): nine of fifteen)."""
    members: int
    veto_holders: tuple[str, ...]
    slack: int
    """How many members could abstain or vote no (non-permanent) and the draft still pass."""
    conflicts_with_host: ConsentEvent | None
    """The host's withdrawal request this option contradicts (it keeps uniformed units)."""
    replays: tuple[Replay, ...]
    forecast: float | None = None

    @property
    def needed(self) -> str:
        return (
            f"{self.required} of {self.members} votes in favour and no negative vote from "
            f"{', '.join(self.veto_holders)} (Charter Art. 27(3)); "
            f"up to {self.slack} members could abstain"
        )

    def to_dict(self) -> OptionAssessmentDict:
        return {
            **self.option.to_dict(),
            "needed": self.needed,
            "required": self.required,
            "slack": self.slack,
            "veto_holders": list(self.veto_holders),
            "conflicts_with_host": (
                self.conflicts_with_host.to_dict() if self.conflicts_with_host else None
            ),
            "replays": [r.to_dict() for r in self.replays],
            "forecast": self.forecast,
        }


@dataclass(frozen=True)
class MinusmaCase:
    chain: MandateChain
    phases: tuple[Phase, ...]
    events: tuple[ConsentEvent, ...]
    options: tuple[OptionAssessment, ...]
    abstentions_2022: MandateResolution | None
    decision: Replay
    """Res. 2690 replayed: every member sitting on 30 June 2023 voting yes."""
    recorded: MandateResolution | None
    """Res. 2690 as recorded (votes from the record when available)."""
    without_decision: MandateStatus
    """What the lapse rule says of 1 July 2023 had no resolution been adopted."""
    host_forecasts: tuple[HostForecast, ...] = ()
    """The options and the termination forecast with Mali's position of 16 June 2023."""

    @property
    def replay_matches_record(self) -> bool | None:
        if self.recorded is None or self.recorded.vote.tally is None:
            return None
        t = self.recorded.vote.tally
        d = self.decision.decision
        return (t.yes, t.no, t.abstain) == (d.yes, d.no, d.abstain)

    def to_dict(self) -> MinusmaCaseDict:
        return {
            "mission": self.chain.mission.to_dict(),
            "chain": self.chain.to_dict(),
            "phases": [p.to_dict() for p in self.phases],
            "consent_events": [e.to_dict() for e in self.events],
            "abstentions_2022": self.abstentions_2022.to_dict() if self.abstentions_2022 else None,
            "options": [o.to_dict() for o in self.options],
            "host_forecasts": [f.to_dict() for f in self.host_forecasts],
            "decision": {
                "date": DECISION_DATE,
                "replay": self.decision.to_dict(),
                "recorded": self.recorded.to_dict() if self.recorded else None,
                "replay_matches_record": self.replay_matches_record,
                "without_decision": self.without_decision.to_dict(),
            },
        }


def _entry(chain: MandateChain, number: int) -> MandateResolution | None:
    return next((e for e in chain.entries if e.number == number), None)


def _replays(abstainers: tuple[str, ...], on: date) -> tuple[Replay, ...]:
    sitting = members_on(on)
    permanent = {m.code for m in sitting if m.permanent}
    replays = [Replay("every member in favour", (), (), decide_on(on))]
    if abstainers:
        replays.append(
            Replay(
                f"the 2022 abstainers ({', '.join(abstainers)}) abstain again",
                (),
                abstainers,
                decide_on(on, abstain=abstainers),
            )
        )
        for code in abstainers:
            if code in permanent:
                others = tuple(c for c in abstainers if c != code)
                replays.append(
                    Replay(
                        f"{code} votes against instead of abstaining",
                        (code,),
                        others,
                        decide_on(on, no=(code,), abstain=others),
                    )
                )
    elected = [m.code for m in sitting if not m.permanent]
    # Seven elected members withholding their votes leave eight in favour: one short of nine.
    withholding = tuple(elected[:7])
    replays.append(
        Replay(
            "seven elected members abstain",
            (),
            withholding,
            decide_on(on, abstain=withholding),
        )
    )
    return tuple(replays)


def assess_option(
    option: DraftOption,
    events: tuple[ConsentEvent, ...],
    abstainers: tuple[str, ...],
    *,
    on: date = DECISION_DATE,
    forecaster: Forecaster | None = None,
) -> OptionAssessment:
    """What an option's draft needed to pass on ``on``, replayed under a few vote patterns."""
    full = decide_on(on)
    sitting = members_on(on)
    request = next(
        (e for e in events if e.kind is ConsentEventKind.WITHDRAWAL_REQUEST and e.date <= on),
        None,
    )
    conflicts = request if option.keeps_uniformed_units else None
    return OptionAssessment(
        option=option,
        required=full.required,
        members=len(sitting),
        veto_holders=tuple(sorted(m.code for m in sitting if m.permanent)),
        slack=len(sitting) - full.required,
        conflicts_with_host=conflicts,
        replays=_replays(abstainers, on),
        forecast=forecaster(option, on) if forecaster is not None else None,
    )


def build_case(
    conn: sqlite3.Connection | None = None,
    *,
    forecaster: Forecaster | None = None,
    source: Path | None = None,
    host_forecaster: HostForecaster | None = None,
) -> MinusmaCase:
    """Assemble the MINUSMA case from the curated data and, when given, the record."""
    mission = find_mission("MINUSMA")
    chain = mandate_chain(mission, conn, source=source)
    events = tuple(e for e in load_consent_events() if e.mission == mission.acronym)
    abstained = _entry(chain, ABSTENTIONS_OF)
    abstainers = abstained.vote.abstainers if abstained is not None else ()
    options = tuple(
        assess_option(o, events, abstainers, forecaster=forecaster) for o in load_options()
    )
    # The lapse rule applied to the chain as it stood before res. 2690.
    before = MandateChain(
        mission=chain.mission,
        entries=tuple(e for e in chain.entries if e.number != TERMINATION),
        titles_available=chain.titles_available,
        votes_from=chain.votes_from,
    )
    return MinusmaCase(
        chain=chain,
        phases=phases(mission),
        events=events,
        options=options,
        abstentions_2022=abstained,
        decision=Replay(
            "res. 2690 replayed: every member in favour", (), (), decide_on(DECISION_DATE)
        ),
        recorded=_entry(chain, TERMINATION),
        without_decision=mandate_status(before, date(2023, 7, 1)),
        host_forecasts=(
            tuple(host_forecaster(load_options(), DECISION_DATE)) if host_forecaster else ()
        ),
    )
