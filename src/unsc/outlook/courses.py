"""The course the Council takes when a mandate runs out, and a cheap model of it.

When a mandate set by a resolution reaches its end date the Council renews it as it is, renews
it with changes, draws the mission down, ends it, or lets it lapse (no resolution by the end
date: UNOMIG on 15 June 2009 after the veto of S/2009/310). :func:`decisions` reads every such
point from the mandate chains, with the course taken (:class:`Course`) and what was known
before it: the host's position (:mod:`unsc.forecast.mandate`), what the Council did last time,
whether that vote was contested, how long the mission had run.

:class:`CourseModel` is a multinomial logistic regression (scikit-learn) over those features,
blended with the smoothed share of each course so that a course never seen is never impossible.
It fits in milliseconds, so the backtest retrains it for every month. Two baselines:
"always renew as is" and "do as last time".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unsc.forecast.mandate import Action, chain_actions, host_level, host_position
from unsc.missions.chain import MandateChain
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    HostPosition,
    MandateResolution,
    TerminationKind,
)

GRACE = timedelta(days=7)
"""A renewal adopted within a week after the end date counts as on time (the record's dates
are those of the meeting; some renewals are dated the day after the end, e.g. late meetings)."""

FLOOR = 0.01
"""Smallest probability given to any course by the model and the baselines alike."""

PRIOR_WEIGHT = 0.1
"""Weight of the smoothed course shares blended into the regression's probabilities."""

P5 = frozenset({"CHN", "FRA", "GBR", "RUS", "USA", "SUN", "TWN"})


class Course(StrEnum):
    """What the Council does when a mandate runs out."""

    RENEW = "renew"
    RENEW_WITH_CHANGES = "renew_with_changes"
    DRAW_DOWN = "draw_down"
    TERMINATE = "terminate"
    LAPSE = "lapse"

    @property
    def action(self) -> Action | None:
        """The action of the draft that carries this course (none for a lapse)."""
        return None if self is Course.LAPSE else Action(self.value)


COURSES: tuple[Course, ...] = tuple(Course)


def course_of(action: Action) -> Course:
    """The course a resolution's action takes (an establishment or another decision that sets a
    new end date counts as a renewal with changes)."""
    if action in (Action.ESTABLISH, Action.OTHER):
        return Course.RENEW_WITH_CHANGES
    return Course(action.value)


@dataclass(frozen=True, slots=True)
class Decision:
    """A mandate end: what was known before it and the course taken (``None`` if not yet)."""

    mission: str
    ends: date
    set_by: MandateResolution
    previous: Action
    host: HostPosition
    contested_last: bool
    p5_abstained_last: int
    settings: int
    years_running: float
    short_last: bool
    course: Course | None = None
    decided_by: MandateResolution | None = None
    known_on: date | None = None
    """The day the course was known (the deciding resolution, or the mission's end)."""
    gap: bool = False
    """The next resolution came long after the end date: a gap in the chain, not scored."""

    @property
    def contested(self) -> bool | None:
        """Whether the deciding vote was contested (``None`` without one or its tally)."""
        d = self.decided_by
        if d is None or not d.vote.known:
            return None
        return d.vote.unanimous is False

    def features(self) -> list[float]:
        return [
            *(1.0 if self.host is h else 0.0 for h in HostPosition),
            float(host_level(self.host)),
            1.0 if host_level(self.host) >= host_level(HostPosition.REQUESTS_DRAWDOWN) else 0.0,
            *(1.0 if self.previous is a else 0.0 for a in Action),
            1.0 if self.contested_last else 0.0,
            float(self.p5_abstained_last),
            float(np.log1p(self.settings)),
            min(self.years_running, 30.0) / 10.0,
            1.0 if self.short_last else 0.0,
        ]


def _contested(entry: MandateResolution) -> bool:
    return entry.vote.known and entry.vote.unanimous is False


def _next_setting(entries: Sequence[MandateResolution], i: int) -> MandateResolution | None:
    for later in entries[i + 1 :]:
        if later.date is None:
            continue
        if later.mandate_end is not None or later.action is ActionKind.TERMINATE:
            return later
    return None


def decisions(
    chain: MandateChain,
    events: Sequence[ConsentEvent],
    *,
    as_of: date | None = None,
) -> list[Decision]:
    """Every mandate end of a chain with the course taken, as far as ``as_of`` tells.

    The chain should already be cut to what was known (:func:`unsc.outlook.known.known_as_of`);
    an end whose course was not known by ``as_of`` has ``course=None``.
    """
    mission = chain.mission
    if not mission.periodic:
        return []
    actions = chain_actions(chain)
    entries = [e for e in chain.entries if e.date is not None]
    out: list[Decision] = []
    settings = 0
    for i, entry in enumerate(entries):
        if entry.mandate_end is None or entry.number is None:
            continue
        settings += 1
        action = actions.get(entry.number, Action.RENEW)
        if action is Action.TERMINATE:
            continue
        assert entry.date is not None
        ends = entry.mandate_end
        following = _next_setting(entries, i)
        course: Course | None = None
        decided: MandateResolution | None = None
        known_on: date | None = None
        gap = False
        if following is not None and following.date is not None:
            assert following.number is not None
            if following.date <= ends + GRACE:
                course = course_of(actions.get(following.number, Action.RENEW))
                decided, known_on = following, following.date
            else:
                # A later renewal with nothing in between: most often a resolution missing from
                # the chain rather than a lapse and a revival; neither trained on nor scored.
                gap, known_on = True, following.date
        elif mission.end is not None:
            kind = mission.termination
            known_on = max(mission.end, ends)
            if kind is TerminationKind.LAPSE:
                course = Course.LAPSE
            elif kind is TerminationKind.SUCCEEDED:
                course = Course.RENEW_WITH_CHANGES
            else:
                course = Course.TERMINATE
        if as_of is not None and known_on is not None and known_on > as_of:
            course, decided, known_on, gap = None, None, None, False
        before = (decided.date if decided and decided.date else ends) - timedelta(days=1)
        if as_of is not None:
            before = min(before, as_of)
        period = (ends - entry.date).days
        out.append(
            Decision(
                mission=mission.acronym,
                ends=ends,
                set_by=entry,
                previous=action,
                host=host_position(mission, before, events),
                contested_last=_contested(entry),
                p5_abstained_last=sum(1 for c in entry.vote.abstainers if c in P5),
                settings=settings,
                years_running=(ends - mission.start).days / 365.25,
                short_last=period < 122,
                course=course,
                decided_by=decided,
                known_on=known_on,
                gap=gap,
            )
        )
    return out


def all_decisions(
    chains: Mapping[str, MandateChain], events: Sequence[ConsentEvent], *, as_of: date | None
) -> list[Decision]:
    out: list[Decision] = []
    for chain in chains.values():
        out.extend(decisions(chain, events, as_of=as_of))
    return sorted(out, key=lambda d: (d.ends, d.mission))


def _floored(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.maximum(p, FLOOR)
    return np.asarray(q / q.sum(axis=-1, keepdims=True), dtype=np.float64)


def one_course(course: Course) -> NDArray[np.float64]:
    p = np.zeros(len(COURSES))
    p[COURSES.index(course)] = 1.0
    return _floored(p)


def baseline_renew(_: Decision) -> NDArray[np.float64]:
    """Always renew as is."""
    return one_course(Course.RENEW)


def baseline_last_time(d: Decision) -> NDArray[np.float64]:
    """Do as last time: the course the previous resolution took."""
    return one_course(course_of(d.previous))


@dataclass(frozen=True)
class CourseModel:
    """P(course) for a mandate end; ``trained_on`` decisions known by ``as_of``."""

    as_of: date
    trained_on: int
    prior: NDArray[np.float64]
    classes: tuple[int, ...]
    regression: Any

    def predict(self, items: Sequence[Decision]) -> NDArray[np.float64]:
        if not items:
            return np.zeros((0, len(COURSES)))
        out = np.tile(self.prior, (len(items), 1))
        if self.regression is not None:
            x = np.array([d.features() for d in items])
            fitted = np.zeros((len(items), len(COURSES)))
            fitted[:, list(self.classes)] = self.regression.predict_proba(x)
            out = (1.0 - PRIOR_WEIGHT) * fitted + PRIOR_WEIGHT * out
        return _floored(out)

    def probabilities(self, item: Decision) -> dict[str, float]:
        p = self.predict([item])[0]
        return {c.value: float(v) for c, v in zip(COURSES, p, strict=True)}


def fit_courses(known: Sequence[Decision], as_of: date) -> CourseModel:
    """Fit on the decisions whose course was known by ``as_of`` (others are ignored)."""
    train = [
        d
        for d in known
        if d.course is not None and not d.gap and d.known_on is not None and d.known_on <= as_of
    ]
    counts = np.full(len(COURSES), 0.5)
    for d in train:
        assert d.course is not None
        counts[COURSES.index(d.course)] += 1.0
    prior = counts / counts.sum()
    y = np.array([COURSES.index(d.course) for d in train if d.course is not None])
    regression = None
    classes: tuple[int, ...] = ()
    if len(train) >= 10 and len(np.unique(y)) >= 2:
        from sklearn.linear_model import LogisticRegression

        x = np.array([d.features() for d in train])
        regression = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
        classes = tuple(int(c) for c in regression.classes_)
    return CourseModel(as_of, len(train), prior, classes, regression)
