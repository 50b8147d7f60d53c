"""The vote model: each member's probability of voting yes, no, abstaining or not voting.

Two gradient-boosted tree classifiers (scikit-learn's ``HistGradientBoostingClassifier``, log
loss) over the features of :mod:`unsc.forecast.features`, trained on every complete draft in the
record before a cut-off day: one gives the probability that a draft is contested (some member
does not vote yes, or it is not adopted), the other each member's vote on a contested draft.
Together they make a :class:`~unsc.forecast.outcome.VoteMixture`, which keeps the correlation of
real votes (contested drafts draw several abstentions at once). Trees learn interactions the
history alone does not give (a permanent member, on an agenda item it vetoed before, on a draft
sponsored by members it rarely votes with). It trains in seconds on a laptop.

A model is versioned: :data:`MODEL_ID` names the features and the learner, and
``trained_through`` is the last day of training data; both travel with every forecast.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
from numpy.typing import NDArray

from unsc.errors import InputError
from unsc.forecast.dataset import Matrix, build_matrix, load_record
from unsc.forecast.features import FEATURE_NAMES, DraftSpec, History
from unsc.forecast.outcome import VOTE_CLASSES, MemberForecast, VoteMixture
from unsc.types import Outcome

MODEL_ID = "vote-hgb-mix-3"
"""Bump when the features, the learner or its settings change (cached models are keyed by it)."""

_FLOOR = 1e-4
"""Smallest probability given to any vote, so that no forecast is ever certain of a vote."""


def make_classifier() -> Any:
    """The learner, with settings chosen by the 2010-2023 backtest (docs/forecast.md)."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        loss="log_loss",
        learning_rate=0.1,
        max_iter=100,
        max_leaf_nodes=8,
        min_samples_leaf=50,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=0,
    )


def draft_features(block: NDArray[np.float64]) -> NDArray[np.float64]:
    """A draft's own features: the mean and the maximum of its members' feature rows."""
    return np.concatenate([block.mean(axis=0), block.max(axis=0)])


@dataclass(frozen=True)
class Learner:
    """Two fitted classifiers: is the draft contested (any vote not yes, or not adopted)? and,
    on a contested draft, how does each member vote?"""

    contest: Any
    votes: Any
    classes: NDArray[np.int64]
    masked: tuple[int, ...] = ()
    """Feature columns held at zero (an ablation: the model without those features)."""

    def predict(
        self, blocks: Sequence[NDArray[np.float64]]
    ) -> tuple[NDArray[np.float64], list[NDArray[np.float64]]]:
        """For each draft (its members' feature rows): P(contested) and the members' vote
        probabilities on a contested draft (yes, no, abstain, not voting; floored)."""
        if not blocks:
            return np.zeros(0), []
        if self.masked:
            blocks = [_mask(b, self.masked) for b in blocks]
        drafts = np.vstack([draft_features(b) for b in blocks])
        contested = np.clip(self.contest.predict_proba(drafts)[:, 1], _FLOOR, 1.0 - _FLOOR)
        rows = np.vstack(blocks)
        probs = np.zeros((rows.shape[0], len(VOTE_CLASSES)), dtype=np.float64)
        probs[:, self.classes] = self.votes.predict_proba(rows)
        probs = np.maximum(probs, _FLOOR)
        probs /= probs.sum(axis=1, keepdims=True)
        out = []
        start = 0
        for b in blocks:
            out.append(probs[start : start + b.shape[0]])
            start += b.shape[0]
        return contested, out


def _mask(block: NDArray[np.float64], columns: Sequence[int]) -> NDArray[np.float64]:
    out = block.copy()
    out[:, list(columns)] = 0.0
    return out


def fit_learner(
    matrix: Matrix, drafts: NDArray[np.int64], *, masked: Sequence[int] = ()
) -> Learner:
    """Fit on the complete drafts among ``drafts`` (indices into ``matrix.drafts``).

    ``masked`` feature columns are held at zero in training and prediction (an ablation).
    """
    chosen = np.zeros(len(matrix.drafts), dtype=bool)
    chosen[drafts] = True
    rows = chosen[matrix.row_draft]
    if not rows.any():
        raise InputError("the record has too few votes to train a model", field="db")
    row_draft = matrix.row_draft[rows]
    y = matrix.y[rows]
    used = np.unique(row_draft)
    contested_draft = np.zeros(len(matrix.drafts), dtype=bool)
    contested_draft[row_draft[y != 0]] = True
    for i in used:
        if matrix.drafts[int(i)].outcome is not Outcome.ADOPTED:
            contested_draft[i] = True
    x_all = _mask(matrix.x_all, masked) if masked else matrix.x_all
    xd = np.vstack([draft_features(x_all[slice(*matrix.draft_rows[int(i)])]) for i in used])
    yd = contested_draft[used].astype(np.int64)
    if len(np.unique(yd)) < 2:
        raise InputError("the record has too few contested drafts to train a model", field="db")
    contest = make_classifier().fit(xd, yd)
    on_contested = contested_draft[row_draft]
    x = _mask(matrix.x, masked) if masked else matrix.x
    xv, yv = x[rows][on_contested], y[on_contested]
    if len(np.unique(yv)) < 2:
        raise InputError("the record has too few contested votes to train a model", field="db")
    votes = make_classifier().fit(xv, yv)
    return Learner(
        contest, votes, np.asarray(votes.classes_, dtype=np.int64), tuple(int(c) for c in masked)
    )


@dataclass(frozen=True)
class VoteModel:
    """A trained vote model with the history it forecasts from."""

    model_id: str
    trained_through: date
    learner: Learner
    history: History

    def mixtures(self, specs: Sequence[DraftSpec]) -> list[VoteMixture]:
        """Each draft's vote mixture (one model call for all drafts)."""
        blocks = [self.history.features(spec) for spec in specs]
        contested, probs = self.learner.predict(blocks)
        out = []
        for spec, c, p in zip(specs, contested, probs, strict=True):
            members = tuple(
                MemberForecast(code, *(float(v) for v in p[i]))
                for i, code in enumerate(spec.members)
            )
            out.append(VoteMixture(1.0 - float(c), members))
        return out


def train(matrix: Matrix) -> VoteModel:
    """Train on every complete draft of ``matrix`` and keep its end-of-record history."""
    if not matrix.drafts:
        raise InputError("the record has no drafts to train on", field="db")
    learner = fit_learner(matrix, np.arange(len(matrix.drafts)))
    last = max(d.spec.date for d in matrix.drafts)
    return VoteModel(MODEL_ID, last, learner, matrix.history)


def train_from_record(conn: sqlite3.Connection, *, before: date | None = None) -> VoteModel:
    """Train on the record (only drafts dated before ``before`` when it is given)."""
    return train(build_matrix(load_record(conn, before=before)))


# -- the on-disk cache -------------------------------------------------------------------------


def database_path(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection (None for an in-memory database)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return Path(str(row[2]))
    return None


def build_id(path: Path) -> str:
    """The database build's identity: a digest of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


CURATED_INPUTS: tuple[str, ...] = ("missions.csv", "mandates.csv", "consent_events.csv")
"""Curated tables the features read (what a draft does, the host's position)."""


def curated_digest() -> str:
    """A digest of the curated tables the model's features read: a cached model trained on
    other mandate chains or host events is not reused."""
    from importlib import resources

    digest = hashlib.sha256()
    for name in CURATED_INPUTS:
        digest.update(resources.files("unsc").joinpath("data", name).read_bytes())
    return digest.hexdigest()[:8]


def cache_dir(db: Path) -> Path:
    """Cached models live next to the database, else in the user cache directory."""
    beside = db.parent / "forecast-models"
    try:
        beside.mkdir(parents=True, exist_ok=True)
        if os.access(beside, os.W_OK):
            return beside
    except OSError:
        pass
    fallback = Path(platformdirs.user_cache_dir("unsc")) / "forecast-models"
    fallback.mkdir(parents=True, exist_ok=True)
    return fallback


def load_model(conn: sqlite3.Connection, *, as_of: date | None = None) -> VoteModel:
    """The model for this database, trained on drafts before ``as_of`` (default: all of them).

    Cached on disk, keyed by :data:`MODEL_ID`, the database's build id, the curated mandate
    tables (:func:`curated_digest`) and the cut-off, so a command line call does not retrain.
    """
    path = database_path(conn)
    if path is None or not path.is_file():
        return train_from_record(conn, before=as_of)
    cut = as_of.isoformat() if as_of else "all"
    key = f"{MODEL_ID}-{build_id(path)}-{curated_digest()}-{cut}.pkl"
    target = cache_dir(path) / key
    if target.is_file():
        try:
            with target.open("rb") as handle:
                found = pickle.load(handle)
            if (
                isinstance(found, VoteModel)
                and found.model_id == MODEL_ID
                and getattr(found.learner.votes, "n_features_in_", None) == len(FEATURE_NAMES)
                and isinstance(found.history, History)
                and all(hasattr(found.history, name) for name in History.__slots__)
            ):
                return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    model = train_from_record(conn, before=as_of)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
    return model
