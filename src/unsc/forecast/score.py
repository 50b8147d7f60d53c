"""Score the vote model against votes that were cast: did the delegations vote in character?

The votes come from a file in the record's shape (:mod:`unsc.record.votes_file`): a session's
export, or the record's own votes (``unsc votes --csv``). Each question is forecast as
``unsc forecast`` forecasts a draft (:func:`unsc.forecast.draft.forecast_drafts`), by the model
trained on the record before the first vote's date (``--as-of``, so that it has not learned the
votes it is scored on). Each member's vote is scored by the probability the model gave it, the
multi-class Brier score (the sum over the four votes of the squared error) and the log loss, as
the backtest scores them (:func:`unsc.forecast.backtest.member_scores`; absence counts as not
voting); each outcome by whether it was the model's most likely one, and the three-outcome
Brier score.

The model forecasts states: a question on which a seat of a preset or a custom delegation
votes, or a member that did not sit on the Council that day, is skipped with the reason.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from unsc.council import config_for_date
from unsc.errors import InputError
from unsc.forecast.backtest import member_scores, outcome_scores
from unsc.forecast.draft import DraftQuery, Forecast, forecast_drafts, prepare_query, with_mandate
from unsc.forecast.features import agenda_key, vote_class
from unsc.forecast.model import load_model
from unsc.forecast.outcome import VOTE_CLASSES
from unsc.record.votes_file import VotedQuestion, VotesFile
from unsc.states import is_state_code
from unsc.types import Matter, Outcome, Vote

OUTCOMES = (Outcome.ADOPTED, Outcome.VETOED, Outcome.FAILED)


@dataclass(frozen=True, slots=True)
class ScoredVote:
    """One member's vote and what the model expected of it."""

    member: str
    vote: Vote
    probability: float
    """The probability the model gave to the vote cast."""
    expected: Vote
    """The model's most likely vote."""
    brier: float
    log_loss: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "member": self.member,
            "vote": self.vote.value,
            "probability": self.probability,
            "expected": self.expected.value,
            "brier": self.brier,
            "log_loss": self.log_loss,
        }


@dataclass(frozen=True, slots=True)
class ScoredQuestion:
    """A question's forecast against what happened."""

    symbol: str
    date: date
    agenda: str
    outcome: Outcome | None
    forecast: Forecast
    votes: tuple[ScoredVote, ...]

    @property
    def expected(self) -> Outcome:
        return self.forecast.outcome.most_likely()

    def to_dict(self) -> dict[str, Any]:
        dist = self.forecast.outcome
        return {
            "symbol": self.symbol,
            "date": self.date.isoformat(),
            "agenda": self.agenda,
            "outcome": self.outcome.value if self.outcome else None,
            "expected": self.expected.value,
            "outcome_probability": dist.prob(self.outcome) if self.outcome else None,
            "forecast": {o.value: dist.prob(o) for o in OUTCOMES},
            "votes": [v.to_dict() for v in self.votes],
        }


@dataclass(frozen=True, slots=True)
class Summary:
    """Scores over a set of votes: how many, Brier, log loss, the mean probability of the vote
    cast, and the share of votes that were the model's most likely."""

    votes: int
    brier: float
    log_loss: float
    probability: float
    in_character: float

    @classmethod
    def of(cls, scored: Sequence[ScoredVote], forecasts: Sequence[NDArray[np.float64]]) -> Summary:
        p = np.vstack(forecasts)
        y = np.array([vote_class(v.vote) for v in scored], dtype=np.int64)
        brier, log_loss, *_ = member_scores(p, y)
        return cls(
            votes=len(scored),
            brier=brier,
            log_loss=log_loss,
            probability=float(np.mean([v.probability for v in scored])),
            in_character=float(np.mean([v.expected is _class(v.vote) for v in scored])),
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def _class(vote: Vote) -> Vote:
    return VOTE_CLASSES[vote_class(vote)]


@dataclass(frozen=True)
class ScoreReport:
    """The model's scores on a file of votes."""

    model_id: str
    trained_through: date
    as_of: date
    questions: tuple[ScoredQuestion, ...]
    overall: Summary
    members: dict[str, Summary]
    outcomes: dict[str, Any]
    skipped: tuple[dict[str, str], ...]

    def least_expected(self, limit: int = 10) -> list[dict[str, Any]]:
        """The votes the model thought least likely, the least first."""
        rows = [(v, q) for q in self.questions for v in q.votes]
        rows.sort(key=lambda r: (r[0].probability, r[1].date, r[1].symbol, r[0].member))
        return [
            {"symbol": q.symbol, "date": q.date.isoformat(), **v.to_dict()} for v, q in rows[:limit]
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_id": self.model_id,
            "trained_through": self.trained_through.isoformat(),
            "as_of": self.as_of.isoformat(),
            "overall": self.overall.to_dict(),
            "members": {c: s.to_dict() for c, s in self.members.items()},
            "outcomes": self.outcomes,
            "least_expected": self.least_expected(),
            "questions": [q.to_dict() for q in self.questions],
            "skipped": list(self.skipped),
        }


def _query(q: VotedQuestion, rivals: int, known_on: date) -> DraftQuery:
    """The question as ``unsc forecast`` takes a draft; an InputError says why it cannot be."""
    strangers = [c for c in q.votes if not is_state_code(c)]
    if strangers:
        raise InputError(
            f"{strangers[0]} is not a state: the model forecasts the votes of states",
            field="member",
        )
    agenda = q.agenda or q.title or ""
    if not agenda:
        raise InputError("the question has no agenda item", field="agenda")
    whole = len(q.votes) == config_for_date(q.date).size
    query = DraftQuery(
        date=q.date,
        agenda=agenda,
        sponsors=q.sponsors,
        members=tuple(q.votes) if whole else None,
        matter=q.matter,
        id=q.symbol,
        rivals=min(rivals, 50),
    )
    query = with_mandate(query, known_on=known_on)
    spec, _rule = prepare_query(query)
    absent = [c for c in q.votes if c not in spec.members]
    if absent:
        raise InputError(f"{absent[0]} did not sit on the Council on {q.date}", field="member")
    return query


def _rivals(questions: Sequence[VotedQuestion]) -> dict[int, int]:
    """Other substantive questions on the same agenda item the same day (as the record's
    drafts are counted for the model: :func:`unsc.forecast.dataset.load_record`)."""
    same: dict[tuple[date, str], int] = {}
    for q in questions:
        if q.matter is Matter.SUBSTANTIVE:
            key = (q.date, agenda_key(q.agenda or q.title))
            same[key] = same.get(key, 0) + 1
    return {
        q.draft_id: same.get((q.date, agenda_key(q.agenda or q.title)), 1) - 1
        if q.matter is Matter.SUBSTANTIVE
        else 0
        for q in questions
    }


def score_votes(
    conn: sqlite3.Connection, votes: VotesFile, *, as_of: date | None = None
) -> ScoreReport:
    """Score the model of the record behind ``conn`` against every question of ``votes``.

    The model is trained on the drafts dated before ``as_of`` (default: the first vote's date).
    A question the model cannot forecast is listed in ``skipped`` with the reason; none at all
    is an :class:`InputError`.
    """
    cut = as_of or min(q.date for q in votes.questions)
    known_on = cut - timedelta(days=1)
    rivals = _rivals(votes.questions)
    queries: list[DraftQuery] = []
    kept: list[VotedQuestion] = []
    skipped: list[dict[str, str]] = []
    for q in votes.questions:
        try:
            queries.append(_query(q, rivals[q.draft_id], known_on))
            kept.append(q)
        except InputError as exc:
            skipped.append({"symbol": q.symbol, "where": q.where, "reason": str(exc)})
    if not kept:
        first = skipped[0]
        raise InputError(
            f"{votes.path}: no question the model can forecast ({first['symbol']}: "
            f"{first['reason']})",
            field="votes",
        )
    model = load_model(conn, as_of=cut if cut <= _last_vote(conn) else None)
    forecasts = forecast_drafts(model, queries)
    questions: list[ScoredQuestion] = []
    rows: list[NDArray[np.float64]] = []
    by_member: dict[str, tuple[list[ScoredVote], list[NDArray[np.float64]]]] = {}
    for q, query, forecast in zip(kept, queries, forecasts, strict=True):
        scored = []
        for code, vote in q.votes.items():
            member = forecast.member(code)
            p = member.vector()
            k = vote_class(vote)
            one = _score(code, vote, p, k, member.most_likely())
            scored.append(one)
            rows.append(p)
            mine = by_member.setdefault(code, ([], []))
            mine[0].append(one)
            mine[1].append(p)
        questions.append(
            ScoredQuestion(q.symbol, q.date, query.agenda, q.outcome, forecast, tuple(scored))
        )
    every = [v for q in questions for v in q.votes]
    return ScoreReport(
        model_id=model.model_id,
        trained_through=model.trained_through,
        as_of=cut,
        questions=tuple(questions),
        overall=Summary.of(every, rows),
        members={c: Summary.of(*by_member[c]) for c in sorted(by_member)},
        outcomes=_outcomes(questions),
        skipped=tuple(skipped),
    )


def _last_vote(conn: sqlite3.Connection) -> date:
    """The day of the record's last draft: a cut after it trains on the whole record, the
    model ``unsc forecast`` caches without ``--as-of`` (a session of today reuses it)."""
    last = conn.execute("SELECT max(date) FROM drafts").fetchone()[0]
    return date.fromisoformat(str(last)) if last else date.min


def _score(code: str, vote: Vote, p: NDArray[np.float64], k: int, expected: Vote) -> ScoredVote:
    onehot = np.zeros(len(VOTE_CLASSES))
    onehot[k] = 1.0
    return ScoredVote(
        member=code,
        vote=vote,
        probability=float(p[k]),
        expected=expected,
        brier=float(((p - onehot) ** 2).sum()),
        log_loss=float(-np.log(p[k])),
    )


def _outcomes(questions: Sequence[ScoredQuestion]) -> dict[str, Any]:
    """The share of outcomes that were the model's most likely (in all, and of each outcome:
    how many of the vetoed questions it expected vetoed), and the outcome Brier score."""
    known = [q for q in questions if q.outcome is not None]
    if not known:
        return {"questions": 0, "expected": 0, "share": None, "brier": None, "by_outcome": {}}
    p = np.array([[q.forecast.outcome.prob(o) for o in OUTCOMES] for q in known])
    truth = np.array([OUTCOMES.index(q.outcome) for q in known if q.outcome], dtype=np.int64)
    brier, share, *_ = outcome_scores(p, truth)
    return {
        "questions": len(known),
        "expected": sum(1 for q in known if q.expected is q.outcome),
        "share": share,
        "brier": brier,
        "by_outcome": {
            o.value: {
                "questions": sum(1 for q in known if q.outcome is o),
                "expected": sum(1 for q in known if q.outcome is o and q.expected is o),
            }
            for o in OUTCOMES
        },
    }
