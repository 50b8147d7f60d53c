"""Forecasts over HTTP: ``POST /api/forecast`` and the simulator's "forecast the rest".

The model is :mod:`unsc.forecast`'s (``load_model``, cached on disk by the record's build); the
server also keeps it in memory, so that only the first forecast after a (re)build waits for it.
"""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from unsc.errors import InputError
from unsc.forecast import DraftQuery, forecast_drafts
from unsc.forecast.draft import ForecastDict
from unsc.forecast.model import VoteModel, load_model
from unsc.forecast.scenarios import ChangeDict, PivotDict, pivotal_members, smallest_changes
from unsc.types import Matter, Vote
from unsc.web import cache
from unsc.web.params import DATE_PATTERN, parse_iso_date

_lock = threading.Lock()


class ForecastIn(BaseModel):
    """What is known about a draft before the vote (``unsc forecast`` options)."""

    model_config = ConfigDict(extra="forbid")

    date: str = Field(
        description="Date of the vote, YYYY-MM-DD",
        pattern=DATE_PATTERN,
        json_schema_extra={"format": "date"},
    )
    agenda: str = Field(
        description="The agenda item, e.g. 'The situation in Mali'", min_length=1, max_length=300
    )
    topic: str | None = Field(default=None, max_length=200)
    sponsors: list[str] = Field(default_factory=list, max_length=60)
    matter: Literal["substantive", "procedural", "amendment", "preliminary"] = "substantive"
    assume: dict[str, str] = Field(
        default_factory=dict,
        description="Votes taken as known, by member code: yes, no, abstain, not_voting",
        max_length=30,
    )


class ForecastAnswer(ForecastDict):
    """The forecast (``unsc forecast --json``), the members whose vote decides the outcome and
    the fewest changes of vote that pass the draft."""

    pivotal: list[PivotDict]
    to_pass: list[ChangeDict]


def model(db: Path) -> VoteModel:
    """The vote model for the record being served, trained (or read from disk) once."""
    with _lock:  # one training at a time; the others wait for it
        return _model(db, cache.stamp(db))


@lru_cache(maxsize=1)  # the model of the record being served (not an answer cache)
def _model(db: Path, stamp: tuple[int, int, int]) -> VoteModel:
    return load_model(cache.connection(db))


def forecast(db: Path, body: ForecastIn) -> ForecastAnswer:
    """Forecast a draft: each member's vote probabilities and the outcome distribution, with
    the assumed votes fixed (``unsc.forecast.Forecast.to_dict``)."""
    on: date = parse_iso_date(body.date, "date")
    assume: dict[str, Vote] = {}
    for code, vote in body.assume.items():
        try:
            assume[code.strip().upper()] = Vote.parse(vote)
        except InputError as exc:
            raise InputError(f"assume {code}: {exc}", field="assume") from None
    query = DraftQuery(
        date=on,
        agenda=body.agenda,
        topic=body.topic or "",
        sponsors=tuple(s.strip().upper() for s in body.sponsors),
        matter=Matter.parse(body.matter),
        assume=assume,
    )
    (found,) = forecast_drafts(model(db), [query])
    # as `unsc forecast --json`: who decides the outcome, and the fewest changes that pass it
    return {
        **found.to_dict(),
        "pivotal": [p.to_dict() for p in pivotal_members(found.mixture, found.rule)],
        "to_pass": [c.to_dict() for c in smallest_changes(found.members, found.rule)],
    }
