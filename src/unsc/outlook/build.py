"""The month ahead: every mandate that runs out, what the host wants, what the Council will do.

:func:`build_outlook` reads only what was known on ``as_of`` (by default the day before the month
starts; :mod:`unsc.outlook.known`): the chains and host events up to that day, a course model
fitted on the mandate ends decided by then (:mod:`unsc.outlook.courses`) and a vote model
trained on the drafts voted by then (:func:`unsc.forecast.model.load_model`). For every mandate
ending in the month or the next it gives the history, the host's position, the probability of
each course, the expected vote on the likeliest course with the members likely to abstain, vote
no or veto, and the pivotal members (:func:`unsc.forecast.scenarios.pivotal_members`). Other
agenda items contested in the two years before are forecast too, and listed when the model
gives a draft on them a chance of a veto of at least :data:`VETO_WARNING`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any, TypedDict

from unsc.errors import InputError
from unsc.forecast.draft import DraftQuery, Forecast, forecast_drafts
from unsc.forecast.features import agenda_key
from unsc.forecast.model import VoteModel, load_model
from unsc.forecast.scenarios import PivotDict, pivotal_members
from unsc.missions.chain import MandateChain, all_chains
from unsc.missions.due import RenewalHistoryDict, renewal_history
from unsc.missions.loaders import load_consent_events
from unsc.missions.models import ActionKind, ConsentEventDict, HostPosition
from unsc.outlook.courses import COURSES, Course, CourseModel, Decision, all_decisions, fit_courses
from unsc.outlook.known import Known, known_as_of

VETO_WARNING = 0.25
"""P(vetoed) at which another agenda item is flagged (issue 12, item 5)."""

LIKELY_ABSTAIN = 0.15
LIKELY_NO = 0.05
CONTESTED_LOOKBACK = timedelta(days=730)


def parse_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month."""
    try:
        year, month = (int(p) for p in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise InputError(f"month {text!r} is not YYYY-MM", field="month") from None


def month_after(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


class ExpectedVotes(TypedDict):
    """The expected number of members voting each way (sums of probabilities)."""

    yes: float
    no: float
    abstain: float
    not_voting: float


class VoteOutlookDict(TypedDict):
    """The expected vote on a course's draft: the outcome's probabilities, how contested it
    is, the expected votes, the members likely to abstain or vote no and the likely vetoes."""

    course: str
    date: date
    agenda: str
    sponsors: list[str]
    action: str
    host_position: str
    adopted: float
    vetoed: float
    failed: float
    contested: float
    expected: ExpectedVotes
    likely_abstain: dict[str, float]
    likely_no: dict[str, float]
    veto_by: dict[str, float]


class RecentResolution(TypedDict):
    number: int | None
    date: date | None
    action: Annotated[str, ActionKind]
    mandate_end: date | None
    vote: str
    abstainers: list[str]
    against: list[str]


class RenewalsWithRecent(RenewalHistoryDict):
    """The mandate's renewal history and its last five resolutions."""

    recent: list[RecentResolution]


class OutlookSetBy(TypedDict):
    number: int | None
    date: date | None
    vote: str


class CourseVote(TypedDict):
    adopted: float
    vetoed: float
    contested: float


class MandateOutlookDict(TypedDict):
    """One mandate due: when it ends, what set it, its history, the host's position and the
    events behind it, the probability of each course, the expected vote on the likeliest
    course (and on each), and the pivotal members."""

    mission: str
    name: str
    ends: date
    set_by: OutlookSetBy
    history: RenewalsWithRecent
    host_position: Annotated[str, HostPosition]
    host_events: list[ConsentEventDict]
    courses: dict[str, float]
    vote: VoteOutlookDict | None
    votes_by_course: dict[str, CourseVote]
    pivotal: list[PivotDict]


class VetoWarningDict(TypedDict):
    agenda: str
    last_vote: date
    date: date
    sponsors: list[str]
    vetoed: float
    adopted: float
    veto_by: dict[str, float]


#: The days the outlook covers: the month and the next.
Window = TypedDict("Window", {"from": date, "to": date})


class CourseModelDict(TypedDict):
    kind: str
    trained_on: int
    known_through: date


class OutlookDict(TypedDict):
    """``unsc outlook --month YYYY-MM --json`` and ``/api/outlook/YYYY-MM``."""

    month: str
    as_of: date
    window: Window
    model_id: str
    trained_through: date
    course_model: CourseModelDict
    mandates: list[MandateOutlookDict]
    veto_warnings: list[VetoWarningDict]
    veto_warning_threshold: float


@dataclass(frozen=True)
class VoteOutlook:
    """The expected vote on one course's draft."""

    course: str
    forecast: Forecast

    def to_dict(self) -> VoteOutlookDict:
        f = self.forecast
        members = f.members
        return {
            "course": self.course,
            "date": f.date,
            "agenda": f.agenda,
            "sponsors": list(f.sponsors),
            "action": f.action,
            "host_position": f.host_position,
            "adopted": f.outcome.adopted,
            "vetoed": f.outcome.vetoed,
            "failed": f.outcome.failed,
            "contested": 1.0 - f.mixture.consensus,
            "expected": {
                "yes": sum(m.yes for m in members),
                "no": sum(m.no for m in members),
                "abstain": sum(m.abstain for m in members),
                "not_voting": sum(m.not_voting for m in members),
            },
            "likely_abstain": {m.code: m.abstain for m in members if m.abstain >= LIKELY_ABSTAIN},
            "likely_no": {m.code: m.no for m in members if m.no >= LIKELY_NO},
            "veto_by": {c: p for c, p in f.outcome.vetoed_by.items() if p >= 0.01},
        }


@dataclass(frozen=True)
class MandateOutlook:
    """One mandate due: what was known, the courses and the expected vote."""

    mission: str
    name: str
    decision: Decision
    chain: MandateChain
    courses: dict[str, float]
    votes: dict[str, VoteOutlook]
    host_events: tuple[ConsentEventDict, ...] = ()

    @property
    def likeliest_vote(self) -> VoteOutlook | None:
        voted = [c for c in sorted(self.courses, key=lambda k: -self.courses[k]) if c in self.votes]
        return self.votes[voted[0]] if voted else None

    def to_dict(self) -> MandateOutlookDict:
        d = self.decision
        vote = self.likeliest_vote
        history = renewal_history(self.chain, until=self.chain.entries[-1].date)
        recent: list[RecentResolution] = [
            {
                "number": e.number,
                "date": e.date,
                "action": e.action.value,
                "mandate_end": e.mandate_end,
                "vote": e.vote.text(),
                "abstainers": list(e.vote.abstainers),
                "against": list(e.vote.against),
            }
            for e in self.chain.entries[-5:]
        ]
        pivots = []
        if vote is not None:
            f = vote.forecast
            pivots = [p.to_dict() for p in pivotal_members(f.mixture, f.rule)[:6]]
        return {
            "mission": self.mission,
            "name": self.name,
            "ends": d.ends,
            "set_by": {
                "number": d.set_by.number,
                "date": d.set_by.date,
                "vote": d.set_by.vote.text(),
            },
            "history": {**history.to_dict(), "recent": recent},
            "host_position": d.host.value,
            "host_events": list(self.host_events),
            "courses": self.courses,
            "vote": vote.to_dict() if vote else None,
            "votes_by_course": {
                c: {
                    "adopted": v.forecast.outcome.adopted,
                    "vetoed": v.forecast.outcome.vetoed,
                    "contested": 1.0 - v.forecast.mixture.consensus,
                }
                for c, v in self.votes.items()
            },
            "pivotal": pivots,
        }


@dataclass(frozen=True)
class VetoWarning:
    agenda: str
    last_vote: date
    forecast: Forecast

    def to_dict(self) -> VetoWarningDict:
        o = self.forecast.outcome
        return {
            "agenda": self.agenda,
            "last_vote": self.last_vote,
            "date": self.forecast.date,
            "sponsors": list(self.forecast.sponsors),
            "vetoed": o.vetoed,
            "adopted": o.adopted,
            "veto_by": {c: p for c, p in o.vetoed_by.items() if p >= 0.01},
        }


@dataclass(frozen=True)
class Outlook:
    month: date
    as_of: date
    model_id: str
    trained_through: date
    course_model: CourseModel
    mandates: tuple[MandateOutlook, ...]
    warnings: tuple[VetoWarning, ...] = field(default=())

    def to_dict(self) -> OutlookDict:
        return {
            "month": self.month.strftime("%Y-%m"),
            "as_of": self.as_of,
            "window": {
                "from": self.month,
                "to": month_after(month_after(self.month)) - timedelta(days=1),
            },
            "model_id": self.model_id,
            "trained_through": self.trained_through,
            "course_model": {
                "kind": "multinomial logistic regression blended with course shares",
                "trained_on": self.course_model.trained_on,
                "known_through": self.course_model.as_of,
            },
            "mandates": [m.to_dict() for m in self.mandates],
            "veto_warnings": [w.to_dict() for w in self.warnings],
            "veto_warning_threshold": VETO_WARNING,
        }


@dataclass(frozen=True)
class DraftContext:
    """The agenda text and sponsors of a mission's last resolution in the record."""

    agenda: str
    sponsors: tuple[str, ...]


def mission_contexts(conn: sqlite3.Connection, known: Known) -> dict[str, DraftContext]:
    numbers = {
        e.number: acronym
        for acronym, chain in known.chains.items()
        for e in chain.entries
        if e.number is not None
    }
    out: dict[str, DraftContext] = {}
    rows = conn.execute(
        "SELECT resolution_number, agenda, sponsors FROM drafts "
        "WHERE resolution_number IS NOT NULL AND date <= ? ORDER BY date",
        (known.as_of.isoformat(),),
    )
    for row in rows:
        acronym = numbers.get(int(row[0]))
        if acronym is None or not row[1]:
            continue
        sponsors = tuple(s.strip() for s in str(row[2] or "").split(";") if s.strip())
        previous = out.get(acronym)
        if not sponsors and previous is not None:
            sponsors = previous.sponsors
        out[acronym] = DraftContext(str(row[1]), sponsors)
    return out


def due_decisions(known: Known, start: date, stop: date) -> list[Decision]:
    """The mandate ends in [start, stop) whose course was not known on ``known.as_of``."""
    return [
        d
        for d in all_decisions(known.chains, known.events, as_of=known.as_of)
        if d.course is None and not d.gap and start <= d.ends < stop
    ]


def vote_day(ends: date, as_of: date) -> date:
    """The day a decision is forecast for: the mandate end, or the day after ``as_of``."""
    return max(ends, as_of + timedelta(days=1))


def course_queries(d: Decision, context: DraftContext, as_of: date) -> list[DraftQuery]:
    on = vote_day(d.ends, as_of)
    return [
        DraftQuery(
            date=on,
            agenda=context.agenda,
            sponsors=context.sponsors,
            action=course.value,
            host_position=d.host.value,
            mission=d.mission,
            id=f"{d.mission}:{course.value}",
        )
        for course in COURSES
        if course is not Course.LAPSE
    ]


def _recent_contested(
    conn: sqlite3.Connection, as_of: date
) -> dict[str, tuple[str, date, tuple[str, ...]]]:
    """Agenda items with a contested vote in the two years before ``as_of``: key -> last draft."""
    out: dict[str, tuple[str, date, tuple[str, ...]]] = {}
    contested: set[str] = set()
    rows = conn.execute(
        "SELECT date, agenda, sponsors, outcome, no, abstain FROM drafts "
        "WHERE date > ? AND date <= ? AND matter = 'substantive' ORDER BY date",
        ((as_of - CONTESTED_LOOKBACK).isoformat(), as_of.isoformat()),
    )
    for row in rows:
        if not row[1]:
            continue
        key = agenda_key(str(row[1]))
        sponsors = tuple(s.strip() for s in str(row[2] or "").split(";") if s.strip())
        out[key] = (str(row[1]), date.fromisoformat(str(row[0])), sponsors)
        if row[3] != "adopted" or (row[4] or 0) > 0 or (row[5] or 0) > 0:
            contested.add(key)
    return {k: v for k, v in out.items() if k in contested}


def build_outlook(
    conn: sqlite3.Connection,
    month: date | str,
    as_of: date | None = None,
    *,
    model: VoteModel | None = None,
    chains: dict[str, MandateChain] | None = None,
    events: tuple[Any, ...] | None = None,
) -> Outlook:
    """The outlook for ``month`` (and the next) with what was known on ``as_of``.

    ``model`` must have been trained on drafts dated on or before ``as_of`` (by default
    :func:`load_model` trains or loads one); ``chains`` and ``events`` default to the curated
    data and are cut to ``as_of`` here.
    """
    first = parse_month(month) if isinstance(month, str) else month.replace(day=1)
    as_of = as_of if as_of is not None else first - timedelta(days=1)
    stop = month_after(month_after(first))
    if as_of >= stop:
        raise InputError(f"--as-of {as_of} is after the window ({first} to {stop})", field="as_of")
    if model is None:
        model = load_model(conn, as_of=as_of + timedelta(days=1))
    if model.trained_through > as_of:
        raise InputError(
            f"the vote model was trained through {model.trained_through}, after {as_of}",
            field="as_of",
        )
    known = known_as_of(
        chains if chains is not None else all_chains(conn),
        events if events is not None else load_consent_events(),
        as_of,
    )
    decided = all_decisions(known.chains, known.events, as_of=as_of)
    course_model = fit_courses(decided, as_of)
    due = [d for d in decided if d.course is None and not d.gap and first <= d.ends < stop]
    contexts = mission_contexts(conn, known)
    queries: list[DraftQuery] = []
    for d in due:
        context = contexts.get(d.mission)
        if context is not None:
            queries.extend(course_queries(d, context, as_of))
    due_keys = {
        agenda_key(c.agenda) for m, c in contexts.items() if any(d.mission == m for d in due)
    }
    others = {k: v for k, v in _recent_contested(conn, as_of).items() if k not in due_keys}
    mid = max(first + timedelta(days=14), as_of + timedelta(days=1))
    for key, (agenda, _, sponsors) in sorted(others.items()):
        queries.append(DraftQuery(date=mid, agenda=agenda, sponsors=sponsors, id=f"item:{key}"))
    forecasts = {f.id: f for f in forecast_drafts(model, queries)}
    mandates = []
    for d in due:
        votes = {
            c.value: VoteOutlook(c.value, forecasts[f"{d.mission}:{c.value}"])
            for c in COURSES
            if f"{d.mission}:{c.value}" in forecasts
        }
        host = tuple(
            e.to_dict() for e in known.events if e.mission == d.mission and e.kind.host_action
        )[-5:]
        mandates.append(
            MandateOutlook(
                mission=d.mission,
                name=known.chains[d.mission].mission.name,
                decision=d,
                chain=known.chains[d.mission],
                courses=course_model.probabilities(d),
                votes=votes,
                host_events=host,
            )
        )
    warnings = []
    for key, (agenda, last, _) in others.items():
        f = forecasts[f"item:{key}"]
        if f.outcome.vetoed >= VETO_WARNING:
            warnings.append(VetoWarning(agenda, last, f))
    warnings.sort(key=lambda w: -w.forecast.outcome.vetoed)
    return Outlook(
        month=first,
        as_of=as_of,
        model_id=model.model_id,
        trained_through=model.trained_through,
        course_model=course_model,
        mandates=tuple(mandates),
        warnings=tuple(warnings),
    )
