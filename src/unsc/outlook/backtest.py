"""The outlook backtested: every month of a range, forecast with only what was known before it.

For each month M the forecaster stands on the day before M starts (``as_of``) and sees the
chains, missions and host events cut to that day (:func:`unsc.outlook.known.known_as_of`). For
every mandate ending in M whose course was not yet known, it forecasts the course and whether
the vote will be contested, and is scored against the course taken and the vote recorded.

- The **course model** (:mod:`unsc.outlook.courses`) is refitted every month on the mandate
  ends decided by ``as_of`` (a logistic regression: milliseconds).
- The **vote model** is refitted once a year, on the drafts voted before 1 January (refitting
  it monthly would take about 14 s x 228 months): a month's forecast uses a model up to eleven
  months staler than it could be, never a newer one. Its features (the history of votes) are
  walked day by day up to ``as_of``.

Baselines for the course: "always renew as is" and "do as last time"; for the contested vote:
"as last time" and the share of contested decisions so far. Every probability is floored at
:data:`unsc.outlook.courses.FLOOR` and renormalised, so log losses are finite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unsc.errors import InputError
from unsc.forecast.dataset import build_matrix, load_record, seats_on
from unsc.forecast.features import DraftSpec, History, by_day
from unsc.forecast.model import Learner, fit_learner
from unsc.missions.chain import all_chains
from unsc.missions.loaders import load_consent_events
from unsc.outlook.build import mission_contexts, month_after
from unsc.outlook.courses import (
    COURSES,
    FLOOR,
    Course,
    Decision,
    all_decisions,
    baseline_last_time,
    baseline_renew,
    fit_courses,
)
from unsc.outlook.known import known_as_of

METHODS: tuple[str, ...] = ("model", "always_renew", "as_last_time")
CONTEST_METHODS: tuple[str, ...] = ("model", "as_last_time", "share_so_far")


@dataclass(frozen=True)
class MonthItem:
    """One mandate end forecast in the backtest, with what happened."""

    month: str
    mission: str
    ends: date
    host: str
    taken: Course
    probs: dict[str, NDArray[np.float64]]
    contested: bool | None
    contested_probs: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "mission": self.mission,
            "ends": self.ends,
            "host_position": self.host,
            "taken": self.taken.value,
            "courses": {
                c.value: float(p) for c, p in zip(COURSES, self.probs["model"], strict=True)
            },
            "predicted": COURSES[int(self.probs["model"].argmax())].value,
            "contested": self.contested,
            "p_contested": self.contested_probs["model"],
        }


def brier(p: NDArray[np.float64], truth: NDArray[np.int64]) -> float:
    onehot = np.zeros_like(p)
    onehot[np.arange(len(truth)), truth] = 1.0
    return float(((p - onehot) ** 2).sum(axis=1).mean()) if len(truth) else float("nan")


def log_loss(p: NDArray[np.float64], truth: NDArray[np.int64]) -> float:
    return float(-np.log(p[np.arange(len(truth)), truth]).mean()) if len(truth) else float("nan")


@dataclass
class OutlookBacktest:
    start: int
    end: int
    items: list[MonthItem]
    months: int
    refit: str = "course model monthly, vote model yearly"
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def course_scores(self, subset: Sequence[MonthItem] | None = None) -> dict[str, Any]:
        items = list(self.items if subset is None else subset)
        truth = np.array([COURSES.index(i.taken) for i in items], dtype=np.int64)
        out: dict[str, Any] = {"decisions": len(items)}
        for method in METHODS:
            p = np.array([i.probs[method] for i in items]) if items else np.zeros((0, 5))
            out[method] = {
                "brier": brier(p, truth),
                "log_loss": log_loss(p, truth),
                "accuracy": float((p.argmax(axis=1) == truth).mean()) if items else float("nan"),
            }
        return out

    def contested_scores(self) -> dict[str, Any]:
        items = [i for i in self.items if i.contested is not None]
        truth = np.array([int(bool(i.contested)) for i in items], dtype=np.int64)
        out: dict[str, Any] = {"votes": len(items), "contested": int(truth.sum())}
        for method in CONTEST_METHODS:
            q = np.array([i.contested_probs[method] for i in items])
            p = (
                np.clip(np.stack([1 - q, q], axis=1), FLOOR, 1 - FLOOR)
                if items
                else np.zeros((0, 2))
            )
            out[method] = {"brier": brier(p, truth) / 2.0, "log_loss": log_loss(p, truth)}
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        out = {c.value: {d.value: 0 for d in COURSES} for c in COURSES}
        for i in self.items:
            out[i.taken.value][COURSES[int(i.probs["model"].argmax())].value] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        against_host = [i for i in self.items if i.host != "consents"]
        return {
            "from": self.start,
            "to": self.end,
            "months": self.months,
            "refit": self.refit,
            "seconds": self.seconds,
            "courses": self.course_scores(),
            "courses_host_not_consenting": self.course_scores(against_host),
            "contested": self.contested_scores(),
            "confusion_taken_by_predicted": self.confusion(),
            "taken": {c.value: sum(1 for i in self.items if i.taken is c) for c in COURSES},
            "items": [i.to_dict() for i in self.items],
        }


def _floor(p: NDArray[np.float64]) -> NDArray[np.float64]:
    q = np.maximum(p, FLOOR)
    return np.asarray(q / q.sum(), dtype=np.float64)


def _contested_probability(
    learner: Learner, history: History, d: Decision, spec: DraftSpec, course_p: NDArray[np.float64]
) -> float:
    """P(contested) over the voted courses, weighted by their probabilities."""
    specs = [
        DraftSpec(
            date=spec.date,
            agenda=spec.agenda,
            members=spec.members,
            sponsors=spec.sponsors,
            action=c.value,
            host_position=d.host.value,
        )
        for c in COURSES
        if c is not Course.LAPSE
    ]
    contested, _ = learner.predict([history.features(s) for s in specs])
    weights = np.array([course_p[COURSES.index(c)] for c in COURSES if c is not Course.LAPSE])
    return float((weights * contested).sum() / weights.sum())


def run_outlook_backtest(
    conn: sqlite3.Connection,
    start: int,
    end: int,
    *,
    progress: Callable[[str], None] | None = None,
) -> OutlookBacktest:
    """Backtest the outlook month by month from January ``start`` to December ``end``."""
    import time

    if start > end:
        raise InputError("--from must not be after --to", field="from")
    began = time.perf_counter()
    drafts = load_record(conn)
    matrix = build_matrix(drafts)
    years = matrix.years()
    chains = all_chains(conn)
    events = load_consent_events()
    truth = {(d.mission, d.ends): d for d in all_decisions(chains, events, as_of=None)}
    history = History()
    days = iter(by_day(drafts))
    pending = next(days, None)
    items: list[MonthItem] = []
    learner: Learner | None = None
    learner_year = None
    months = 0
    first = date(start, 1, 1)
    while first.year <= end:
        as_of = first - timedelta(days=1)
        while pending is not None and pending[0].spec.date <= as_of:
            for draft in pending:
                history.update(draft)
            pending = next(days, None)
        if learner_year != first.year:
            learner = fit_learner(matrix, np.flatnonzero(years < first.year))
            learner_year = first.year
        assert learner is not None
        months += 1
        known = known_as_of(chains, events, as_of)
        decided = all_decisions(known.chains, known.events, as_of=as_of)
        course_model = fit_courses(decided, as_of)
        share = [
            d for d in decided if d.contested is not None and d.known_on and d.known_on <= as_of
        ]
        contested_share = (sum(1 for d in share if d.contested) + 1.0) / (len(share) + 2.0)
        stop = month_after(first)
        due = [d for d in decided if d.course is None and not d.gap and first <= d.ends < stop]
        contexts = mission_contexts(conn, known) if due else {}
        for d in due:
            actual = truth.get((d.mission, d.ends))
            if actual is None or actual.course is None or actual.gap:
                continue
            probs = {
                "model": course_model.predict([d])[0],
                "always_renew": baseline_renew(d),
                "as_last_time": baseline_last_time(d),
            }
            context = contexts.get(d.mission)
            members = seats_on(max(d.ends, first))
            p_contested = contested_share
            if context is not None and members is not None:
                spec = DraftSpec(
                    date=max(d.ends, first),
                    agenda=context.agenda,
                    members=members,
                    sponsors=context.sponsors,
                )
                p_contested = _contested_probability(learner, history, d, spec, probs["model"])
            items.append(
                MonthItem(
                    month=first.strftime("%Y-%m"),
                    mission=d.mission,
                    ends=d.ends,
                    host=d.host.value,
                    taken=actual.course,
                    probs={k: _floor(v) for k, v in probs.items()},
                    contested=actual.contested,
                    contested_probs={
                        "model": p_contested,
                        "as_last_time": 0.9 if d.contested_last else 0.1,
                        "share_so_far": contested_share,
                    },
                )
            )
        if progress is not None and first.month == 12:
            progress(str(first.year))
        first = stop
    return OutlookBacktest(start, end, items, months, seconds=time.perf_counter() - began)


def calibration_chart(report: OutlookBacktest, path: Path) -> Path:
    """Reliability of the course probabilities (one against the rest, pooled), PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError("the chart must be a .png or .svg file", field="chart")
    fig, ax = plt.subplots(figsize=(6, 5))
    bins = np.array([0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1.0])
    truth = np.array([COURSES.index(i.taken) for i in report.items], dtype=np.int64)
    for method in METHODS:
        if not report.items:
            break
        p = np.array([i.probs[method] for i in report.items])
        flat = p.ravel()
        hit = (np.arange(len(COURSES))[None, :] == truth[:, None]).astype(float).ravel()
        which = np.clip(np.digitize(flat, bins) - 1, 0, len(bins) - 2)
        xs, ys = [], []
        for b in range(len(bins) - 1):
            mask = which == b
            if mask.sum() >= 5:
                xs.append(float(flat[mask].mean()))
                ys.append(float(hit[mask].mean()))
        ax.plot(xs, ys, marker="o", label=method.replace("_", " "))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
    ax.set_xlabel("forecast probability of a course")
    ax.set_ylabel("observed frequency")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(f"Outlook courses, {report.start}-{report.end} ({len(report.items)} mandate ends)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=suffix[1:], dpi=110)
    plt.close(fig)
    return path
