"""A small synthetic record (generated here, not copied from any source) for forecast tests.

Real membership of 2000-2012 (so seats and permanent members are right); votes drawn from a
seeded generator with one strong pattern to learn: Russia votes no on "The situation in Gamma"
when the United States sponsors the draft.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from unsc.membership import members_on
from unsc.record.schema import create_schema
from unsc.rules import decide
from unsc.types import Vote

AGENDAS = ("The situation in Alpha", "The situation in Beta", "The situation in Gamma")


def write_synthetic_record(path: Path, *, first: int = 2000, last: int = 2012) -> Path:
    rng = np.random.default_rng(7)
    conn = sqlite3.connect(path)
    create_schema(conn)
    draft_id = 0
    for year in range(first, last + 1):
        for month in range(1, 13):
            on = date(year, month, 10)
            sitting = members_on(on)
            holders = [m.code for m in sitting if m.permanent]
            for k, agenda in enumerate(AGENDAS):
                sponsor = ("FRA", "GBR", "USA")[(month + k) % 3]
                votes: dict[str, Vote] = {}
                for m in sitting:
                    if agenda.endswith("Gamma") and m.code == "RUS" and sponsor == "USA":
                        vote = Vote.NO if rng.random() < 0.9 else Vote.ABSTAIN
                    elif agenda.endswith("Beta") and m.code == "CHN":
                        vote = Vote.ABSTAIN if rng.random() < 0.5 else Vote.YES
                    else:
                        vote = Vote.YES if rng.random() < 0.97 else Vote.ABSTAIN
                    votes[m.code] = vote
                decision = decide(votes, veto_holders=holders, quota=9)
                tally = {v: sum(1 for x in votes.values() if x is v) for v in Vote}
                conn.execute(
                    "INSERT INTO drafts (draft_id, date, agenda, sponsors, matter, outcome, "
                    "yes, no, abstain, not_voting) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        draft_id,
                        on.isoformat(),
                        agenda,
                        sponsor,
                        "substantive",
                        decision.outcome.value,
                        tally[Vote.YES],
                        tally[Vote.NO],
                        tally[Vote.ABSTAIN],
                        0,
                    ),
                )
                conn.executemany(
                    "INSERT INTO votes (draft_id, state_code, vote, source_id) VALUES (?,?,?,?)",
                    [(draft_id, c, v.value, "synthetic") for c, v in votes.items()],
                )
                conn.executemany(
                    "INSERT INTO vetoes (draft_id, state_code, source_id) VALUES (?, ?, ?)",
                    [(draft_id, c, "synthetic") for c in decision.vetoed_by],
                )
                draft_id += 1
    conn.commit()
    conn.close()
    return path


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_record(tmp_path_factory.mktemp("forecast") / "record.sqlite")


@pytest.fixture()
def synthetic_conn(synthetic_db: Path) -> sqlite3.Connection:
    from unsc.record.db import connect

    conn = connect(synthetic_db)
    yield conn  # type: ignore[misc]
    conn.close()
