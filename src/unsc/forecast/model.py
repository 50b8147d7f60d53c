"""The vote model: each member's probability of voting yes, no, abstaining or not voting.

A gradient-boosted tree classifier (scikit-learn's ``HistGradientBoostingClassifier``, multinomial
log loss) over the features of :mod:`unsc.forecast.features`, trained on every member vote in the
record before a cut-off day. Trees let the model learn interactions the history alone does not
give (a permanent member, on an agenda item it vetoed before, on a draft sponsored by members it
rarely votes with). It trains in seconds on a laptop.

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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import platformdirs
from numpy.typing import NDArray

from unsc.errors import InputError
from unsc.forecast.dataset import Matrix, build_matrix, load_record
from unsc.forecast.features import DraftSpec, History
from unsc.forecast.outcome import VOTE_CLASSES, MemberForecast

MODEL_ID = "vote-hgb-1"
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


def fit_probabilities(
    x: NDArray[np.float64], y: NDArray[np.int64]
) -> tuple[Any, NDArray[np.int64]]:
    """Fit the classifier; returns it and the vote classes it saw."""
    classes = np.unique(y)
    if len(classes) < 2:
        raise InputError("the record has too few votes to train a model", field="db")
    clf = make_classifier()
    clf.fit(x, y)
    return clf, np.asarray(clf.classes_, dtype=np.int64)


def predict_probabilities(
    clf: Any, classes: NDArray[np.int64], x: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Rows of four probabilities (yes, no, abstain, not voting), floored and renormalised."""
    out = np.zeros((x.shape[0], len(VOTE_CLASSES)), dtype=np.float64)
    if x.shape[0]:
        out[:, classes] = clf.predict_proba(x)
    out = np.maximum(out, _FLOOR)
    out /= out.sum(axis=1, keepdims=True)
    return out


@dataclass(frozen=True)
class VoteModel:
    """A trained vote model with the history it forecasts from."""

    model_id: str
    trained_through: date
    classifier: Any
    classes: NDArray[np.int64]
    history: History

    def member_forecasts(self, specs: Sequence[DraftSpec]) -> list[list[MemberForecast]]:
        """Each member's vote probabilities for each draft (one predict call for all)."""
        blocks = [self.history.features(spec) for spec in specs]
        if not blocks:
            return []
        probs = predict_probabilities(self.classifier, self.classes, np.vstack(blocks))
        out: list[list[MemberForecast]] = []
        start = 0
        for spec in specs:
            rows = []
            for code in spec.members:
                p = probs[start]
                rows.append(MemberForecast(code, *(float(v) for v in p)))
                start += 1
            out.append(rows)
        return out


def train(matrix: Matrix) -> VoteModel:
    """Train on every member row of ``matrix`` and keep its end-of-record history."""
    if not matrix.drafts:
        raise InputError("the record has no drafts to train on", field="db")
    clf, classes = fit_probabilities(matrix.x, matrix.y)
    last = max(d.spec.date for d in matrix.drafts)
    return VoteModel(MODEL_ID, last, clf, classes, matrix.history)


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

    Cached on disk, keyed by :data:`MODEL_ID`, the database's build id and the cut-off, so a
    command line call does not retrain.
    """
    path = database_path(conn)
    if path is None or not path.is_file():
        return train_from_record(conn, before=as_of)
    key = f"{MODEL_ID}-{build_id(path)}-{as_of.isoformat() if as_of else 'all'}.pkl"
    target = cache_dir(path) / key
    if target.is_file():
        try:
            with target.open("rb") as handle:
                found = pickle.load(handle)
            if isinstance(found, VoteModel) and found.model_id == MODEL_ID:
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


def day_before(d: date) -> date:
    return d - timedelta(days=1)
