"""Rolling-origin backtest: train on every vote before a year, forecast that year's votes.

For each year Y of the range the model is trained on the drafts dated before 1 January Y and
forecasts every draft of Y. Features of a draft use only votes of earlier days (the history an
analyst has on the morning of the vote), and so do the baselines:

- ``everyone_yes``: every member votes yes;
- ``member_rate``: each member's share of yes / no / abstain / not voting in all its past votes;
- ``member_agenda_rate``: the same on the same agenda item, shrunk to the member's overall rate
  when the item is new to it.

Every forecast (model and baselines) is floored at 1e-4 per vote and renormalised, so a log loss
is always finite. Member votes are scored by the multi-class Brier score (sum over the four
votes of the squared error), log loss, and recall and precision of "no" and "abstain" (a member
is predicted to cast its most likely vote). Outcomes are scored by the three-outcome Brier score,
accuracy of the most likely outcome, and veto recall (share of vetoed drafts whose most likely
forecast outcome is "vetoed"). The outcome of each forecast comes from
:func:`unsc.forecast.outcome.outcome_distribution` (independent votes, exact).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from unsc.council import config_for_date
from unsc.errors import InputError
from unsc.forecast.dataset import Matrix, build_matrix, load_record
from unsc.forecast.features import (
    FEATURE_NAMES,
    MANDATE_FEATURES,
    RecordedDraft,
    agenda_key,
    by_day,
    vote_class,
)
from unsc.forecast.model import MODEL_ID, Learner, fit_learner
from unsc.forecast.outcome import MemberForecast, Rule, VoteMixture, outcome_distribution
from unsc.types import Outcome

METHODS: tuple[str, ...] = ("model", "everyone_yes", "member_rate", "member_agenda_rate")
FLOOR = 1e-4
_OUTCOMES = (Outcome.ADOPTED, Outcome.VETOED, Outcome.FAILED)


def _floor(p: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.maximum(p, FLOOR)
    return np.asarray(out / out.sum(axis=1, keepdims=True), dtype=np.float64)


def baseline_probabilities(matrix: Matrix) -> dict[str, NDArray[np.float64]]:
    """The three baselines for every sitting member of every draft (rows of ``matrix.x_all``)."""
    n = matrix.x_all.shape[0]
    yes = np.zeros((n, 4))
    yes[:, 0] = 1.0
    member = np.zeros((n, 4))
    agenda = np.zeros((n, 4))
    counts: dict[str, NDArray[np.float64]] = {}
    on_item: dict[tuple[str, str], NDArray[np.float64]] = {}
    prior = np.array([0.97, 0.01, 0.015, 0.005])
    index = 0
    drafts: Sequence[RecordedDraft] = matrix.drafts
    for day in by_day(drafts):
        for draft in day:
            start, _ = matrix.draft_rows[index]
            key = agenda_key(draft.spec.agenda)
            for i, code in enumerate(matrix.member_codes[index]):
                own = counts.get(code, np.zeros(4))
                rate = (own + prior) / (own.sum() + 1.0)
                member[start + i] = rate
                item = on_item.get((code, key), np.zeros(4))
                agenda[start + i] = (item + 2.0 * rate) / (item.sum() + 2.0)
            index += 1
        for draft in day:
            key = agenda_key(draft.spec.agenda)
            for code, vote in draft.votes.items():
                one = np.zeros(4)
                one[vote_class(vote)] = 1.0
                counts[code] = counts.get(code, np.zeros(4)) + one
                on_item[(code, key)] = on_item.get((code, key), np.zeros(4)) + one
    return {
        "everyone_yes": _floor(yes),
        "member_rate": _floor(member),
        "member_agenda_rate": _floor(agenda),
    }


@dataclass(frozen=True, slots=True)
class Scores:
    """Scores of one method over a set of member votes and drafts."""

    votes: int
    brier: float
    log_loss: float
    no_recall: float
    no_precision: float
    abstain_recall: float
    abstain_precision: float
    drafts: int
    outcome_brier: float
    outcome_accuracy: float
    vetoes: int
    veto_recall: float
    veto_precision: float
    veto_auc: float
    veto_warnings: dict[str, dict[str, float]]

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__slots__}


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def member_scores(
    p: NDArray[np.float64], y: NDArray[np.int64]
) -> tuple[float, float, float, float, float, float]:
    """Brier, log loss, recall/precision of no (class 1) and abstain (class 2)."""
    onehot = np.zeros_like(p)
    onehot[np.arange(len(y)), y] = 1.0
    brier = float(((p - onehot) ** 2).sum(axis=1).mean())
    log_loss = float(-np.log(p[np.arange(len(y)), y]).mean())
    pred = p.argmax(axis=1)
    out = [brier, log_loss]
    for k in (1, 2):
        hit = int(((pred == k) & (y == k)).sum())
        out.append(_ratio(hit, int((y == k).sum())))
        out.append(_ratio(hit, int((pred == k).sum())))
    return out[0], out[1], out[2], out[3], out[4], out[5]


def draft_rule(draft: RecordedDraft) -> Rule:
    """The rule a recorded draft was decided under (Art. 27 as of its date)."""
    config = config_for_date(draft.spec.date)
    return Rule(
        veto_holders=draft.spec.veto_holders,
        quota=config.quota,
        matter=draft.spec.matter,
        veto_threshold=config.veto_threshold,
        procedural_quota=config.procedural_quota,
    )


def outcome_probabilities(
    matrix: Matrix, index: int, probs: NDArray[np.float64]
) -> NDArray[np.float64]:
    """adopted / vetoed / failed for draft ``index`` from its members' rows of ``probs``."""
    draft = matrix.drafts[index]
    start, stop = matrix.draft_rows[index]
    members = [
        MemberForecast(code, *(float(v) for v in probs[start + i]))
        for i, code in enumerate(matrix.member_codes[index])
    ]
    dist = outcome_distribution(members, draft_rule(draft))
    return np.array([dist.adopted, dist.vetoed, dist.failed])


VETO_WARNINGS: tuple[float, ...] = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
"""Thresholds on P(vetoed) at which a warning is counted (a curve, not a tuned threshold)."""


def outcome_scores(
    p: NDArray[np.float64], truth: NDArray[np.int64]
) -> tuple[float, float, int, float, float, float, dict[str, dict[str, float]]]:
    """Brier, accuracy, number of vetoes, veto recall and precision (most likely outcome),
    the ROC AUC of P(vetoed) for vetoed drafts, and recall / precision of warnings."""
    onehot = np.zeros_like(p)
    onehot[np.arange(len(truth)), truth] = 1.0
    brier = float(((p - onehot) ** 2).sum(axis=1).mean()) if len(truth) else float("nan")
    pred = p.argmax(axis=1)
    accuracy = float((pred == truth).mean()) if len(truth) else float("nan")
    vetoed = truth == 1
    vetoes = int(vetoed.sum())
    hit = int(((pred == 1) & vetoed).sum())
    auc = float("nan")
    if 0 < vetoes < len(truth):
        from sklearn.metrics import roc_auc_score

        auc = float(roc_auc_score(vetoed, p[:, 1]))
    warnings = {}
    for threshold in VETO_WARNINGS:
        flagged = p[:, 1] >= threshold
        caught = int((flagged & vetoed).sum())
        warnings[f"{threshold:g}"] = {
            "recall": _ratio(caught, vetoes),
            "precision": _ratio(caught, int(flagged.sum())),
            "warnings": float(flagged.sum()),
        }
    return (
        brier,
        accuracy,
        vetoes,
        _ratio(hit, vetoes),
        _ratio(hit, int((pred == 1).sum())),
        auc,
        warnings,
    )


@dataclass
class BacktestReport:
    """Scores by method, pooled over the years and year by year, with the raw forecasts."""

    model_id: str
    start: int
    end: int
    pooled: dict[str, Scores]
    by_year: dict[int, dict[str, Scores]]
    member_probs: dict[str, NDArray[np.float64]] = field(repr=False)
    member_truth: NDArray[np.int64] = field(repr=False)
    outcome_probs: dict[str, NDArray[np.float64]] = field(repr=False)
    outcome_truth: NDArray[np.int64] = field(repr=False)
    test_drafts: tuple[RecordedDraft, ...] = field(default=(), repr=False)
    """The drafts forecast, in the order of ``outcome_probs``."""
    mandate: dict[str, Scores] = field(default_factory=dict)
    """Scores on mandate-related drafts only: the model, the model without the mandate
    features (``model_without_mandate``, when the ablation ran) and the baselines."""
    symbols: dict[int, str] = field(default_factory=dict, repr=False)

    def veto_ranking(self, *, method: str = "model", limit: int = 60) -> list[dict[str, object]]:
        """Drafts ranked by P(vetoed), with the recall and precision of warning at each one."""
        p = self.outcome_probs[method][:, 1]
        vetoed = self.outcome_truth == 1
        total = int(vetoed.sum())
        order = np.argsort(-p, kind="stable")
        out: list[dict[str, object]] = []
        caught = 0
        for rank, i in enumerate(order[:limit], start=1):
            caught += int(vetoed[i])
            draft = self.test_drafts[int(i)] if self.test_drafts else None
            out.append(
                {
                    "rank": rank,
                    "p_vetoed": float(p[i]),
                    "vetoed": bool(vetoed[i]),
                    "draft_id": draft.draft_id if draft else None,
                    "symbol": self.symbols.get(draft.draft_id) if draft else None,
                    "date": draft.spec.date if draft else None,
                    "agenda": draft.spec.agenda if draft else None,
                    "vetoed_by": sorted(
                        c
                        for c, v in (draft.votes.items() if draft else ())
                        if v.value == "no" and c in draft.spec.veto_holders
                    )
                    if draft and vetoed[i]
                    else [],
                    "recall": _ratio(caught, total),
                    "precision": caught / rank,
                }
            )
        return out

    def beats_baselines(self) -> dict[str, bool]:
        model = self.pooled["model"]
        others = [self.pooled[m] for m in METHODS[1:]]
        return {
            "brier": all(model.brier < o.brier for o in others),
            "log_loss": all(model.log_loss < o.log_loss for o in others),
            "outcome_brier": all(model.outcome_brier < o.outcome_brier for o in others),
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "model_id": self.model_id,
            "from": self.start,
            "to": self.end,
            "pooled": {m: s.to_dict() for m, s in self.pooled.items()},
            "mandate_related": {m: s.to_dict() for m, s in self.mandate.items()},
            "veto_ranking": self.veto_ranking(),
            "beats_baselines": self.beats_baselines(),
            "by_year": {
                str(y): {m: s.to_dict() for m, s in scores.items()}
                for y, scores in self.by_year.items()
            },
        }


def _scores(
    mp: NDArray[np.float64], my: NDArray[np.int64], op: NDArray[np.float64], oy: NDArray[np.int64]
) -> Scores:
    b, ll, nr, npr, ar, apr = member_scores(mp, my)
    ob, oa, nv, vr, vp, auc, warnings = outcome_scores(op, oy)
    return Scores(len(my), b, ll, nr, npr, ar, apr, len(oy), ob, oa, nv, vr, vp, auc, warnings)


ABLATED = "model_without_mandate"
MANDATE_COLUMNS: tuple[int, ...] = tuple(FEATURE_NAMES.index(n) for n in MANDATE_FEATURES)


def _model_probabilities(
    learner: Learner, matrix: Matrix, test_drafts: NDArray[np.int64], shape: tuple[int, ...]
) -> tuple[NDArray[np.float64], dict[int, NDArray[np.float64]]]:
    """Members' marginal vote probabilities (rows of ``x_all``) and each draft's outcomes."""
    blocks = [matrix.x_all[slice(*matrix.draft_rows[int(i)])] for i in test_drafts]
    contested, cond = learner.predict(blocks)
    model_all = np.zeros(shape)
    outcomes: dict[int, NDArray[np.float64]] = {}
    for i, c, q in zip(test_drafts, contested, cond, strict=True):
        mixture = VoteMixture(
            1.0 - float(c),
            tuple(
                MemberForecast(code, *(float(v) for v in q[k]))
                for k, code in enumerate(matrix.member_codes[int(i)])
            ),
        )
        lo, hi = matrix.draft_rows[int(i)]
        model_all[lo:hi] = [m.vector() for m in mixture.marginal()]
        dist = mixture.outcome(draft_rule(matrix.drafts[int(i)]))
        outcomes[int(i)] = np.array([dist.adopted, dist.vetoed, dist.failed])
    return model_all, outcomes


def run_backtest(
    matrix: Matrix,
    start: int,
    end: int,
    *,
    progress: Callable[[int], None] | None = None,
    mandate_ablation: bool = False,
) -> BacktestReport:
    """Backtest on a prepared matrix (see :func:`backtest` for the record).

    With ``mandate_ablation`` a second model is fitted each year with the mandate features
    (:data:`unsc.forecast.features.MANDATE_FEATURES`) held at zero, and both are scored on the
    mandate-related drafts (``BacktestReport.mandate``).
    """
    if start > end:
        raise InputError("--from must not be after --to", field="from")
    years = matrix.years()
    if not len(years) or start > years.max() or end < years.min():
        raise InputError(f"the record has no drafts in {start}-{end}", field="from")
    baselines = baseline_probabilities(matrix)
    row_year = years[matrix.row_draft]
    methods = (*METHODS, ABLATED) if mandate_ablation else METHODS
    collected_m: dict[str, list[NDArray[np.float64]]] = {m: [] for m in methods}
    collected_o: dict[str, list[NDArray[np.float64]]] = {m: [] for m in methods}
    truth_m: list[NDArray[np.int64]] = []
    truth_o: list[NDArray[np.int64]] = []
    mandate_rows: list[NDArray[np.bool_]] = []
    mandate_drafts: list[NDArray[np.bool_]] = []
    tested: list[int] = []
    by_year: dict[int, dict[str, Scores]] = {}
    for year in range(start, end + 1):
        test_drafts = np.flatnonzero(years == year)
        train_rows = row_year < year
        if not len(test_drafts) or not train_rows.any():
            continue
        train = np.flatnonzero(years < year)
        shape = baselines["everyone_yes"].shape
        model_all, model_outcomes = _model_probabilities(
            fit_learner(matrix, train), matrix, test_drafts, shape
        )
        sources = {"model": model_all, **baselines}
        outcome_sources = {"model": model_outcomes}
        if mandate_ablation:
            ablated_all, ablated_outcomes = _model_probabilities(
                fit_learner(matrix, train, masked=MANDATE_COLUMNS), matrix, test_drafts, shape
            )
            sources[ABLATED] = ablated_all
            outcome_sources[ABLATED] = ablated_outcomes
        rows = np.flatnonzero(row_year == year)
        all_index = _row_positions(matrix, rows)
        y_true = matrix.y[rows]
        o_true = np.array(
            [_OUTCOMES.index(matrix.drafts[i].outcome) for i in test_drafts], dtype=np.int64
        )
        year_scores: dict[str, Scores] = {}
        for method, probs in sources.items():
            mp = probs[all_index]
            if method in outcome_sources:
                op = np.array([outcome_sources[method][int(i)] for i in test_drafts])
            else:
                op = np.array([outcome_probabilities(matrix, int(i), probs) for i in test_drafts])
            year_scores[method] = _scores(mp, y_true, op, o_true)
            collected_m[method].append(mp)
            collected_o[method].append(op)
        truth_m.append(y_true)
        truth_o.append(o_true)
        related = np.array([bool(matrix.drafts[int(i)].spec.action) for i in test_drafts])
        mandate_drafts.append(related)
        mandate_rows.append(
            np.array([bool(matrix.drafts[int(matrix.row_draft[r])].spec.action) for r in rows])
        )
        tested.extend(int(i) for i in test_drafts)
        by_year[year] = year_scores
        if progress is not None:
            progress(year)
    if not by_year:
        raise InputError(f"nothing to backtest in {start}-{end}", field="from")
    member_probs = {m: np.vstack(v) for m, v in collected_m.items()}
    outcome_probs = {m: np.vstack(v) for m, v in collected_o.items()}
    mt = np.concatenate(truth_m)
    ot = np.concatenate(truth_o)
    pooled = {m: _scores(member_probs[m], mt, outcome_probs[m], ot) for m in methods}
    rows_mask = np.concatenate(mandate_rows)
    drafts_mask = np.concatenate(mandate_drafts)
    mandate: dict[str, Scores] = {}
    if rows_mask.any() and drafts_mask.any():
        mandate = {
            m: _scores(
                member_probs[m][rows_mask],
                mt[rows_mask],
                outcome_probs[m][drafts_mask],
                ot[drafts_mask],
            )
            for m in methods
        }
    return BacktestReport(
        MODEL_ID,
        start,
        end,
        pooled,
        by_year,
        member_probs,
        mt,
        outcome_probs,
        ot,
        test_drafts=tuple(matrix.drafts[i] for i in tested),
        mandate=mandate,
    )


def _row_positions(matrix: Matrix, rows: NDArray[np.int64]) -> NDArray[np.int64]:
    """Positions in ``x_all`` of training rows ``rows`` (same draft, same member)."""
    out = np.empty(len(rows), dtype=np.int64)
    for j, r in enumerate(rows):
        d = int(matrix.row_draft[r])
        start, _ = matrix.draft_rows[d]
        out[j] = start + matrix.member_codes[d].index(matrix.row_member[r])
    return out


def backtest(
    conn: sqlite3.Connection,
    start: int,
    end: int,
    *,
    progress: Callable[[int], None] | None = None,
    mandate_ablation: bool = False,
) -> BacktestReport:
    """Rolling-origin backtest of the vote model against the baselines, on the record."""
    drafts = load_record(conn)
    report = run_backtest(
        build_matrix(drafts), start, end, progress=progress, mandate_ablation=mandate_ablation
    )
    report.symbols = {
        int(r[0]): str(r[1])
        for r in conn.execute("SELECT draft_id, symbol FROM drafts WHERE symbol IS NOT NULL")
    }
    return report


def calibration_chart(report: BacktestReport, path: Path) -> Path:
    """Reliability diagrams (forecast probability against observed frequency), PNG or SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError("the chart must be a .png or .svg file", field="chart")
    fig, axes = plt.subplots(1, 2, figsize=(11, 5))
    bins = np.array([0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.85, 0.95, 1.0])
    panels = (
        (axes[0], report.member_probs["model"], report.member_truth, ("yes", "no", "abstain")),
        (
            axes[1],
            report.outcome_probs["model"],
            report.outcome_truth,
            ("adopted", "vetoed", "failed"),
        ),
    )
    for ax, probs, truth, labels in panels:
        for k, label in enumerate(labels):
            p = probs[:, k]
            hit = (truth == k).astype(np.float64)
            which = np.clip(np.digitize(p, bins) - 1, 0, len(bins) - 2)
            xs, ys, ns = [], [], []
            for b in range(len(bins) - 1):
                mask = which == b
                if mask.sum() >= 5:
                    xs.append(float(p[mask].mean()))
                    ys.append(float(hit[mask].mean()))
                    ns.append(int(mask.sum()))
            ax.plot(xs, ys, marker="o", label=f"{label} ({int(hit.sum())} observed)")
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
        ax.set_xlabel("forecast probability")
        ax.set_ylabel("observed frequency")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.legend(loc="upper left", fontsize=8)
    axes[0].set_title(f"Member votes, {report.start}-{report.end}")
    axes[1].set_title(f"Outcomes of drafts, {report.start}-{report.end}")
    fig.suptitle(f"Calibration of {report.model_id} (rolling origin by year)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=suffix[1:], dpi=110)
    plt.close(fig)
    return path
