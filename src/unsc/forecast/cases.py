"""Forecasters for case studies: a callable that gives the probability a draft option passes.

The MINUSMA case (:mod:`unsc.missions.case_minusma`) takes ``forecaster(option, on) -> float``.
:func:`option_forecaster` builds one from the record: the model, trained only on drafts before
``as_of`` (so the forecast of June 2023 never sees res. 2690 itself), forecasts every member; the
votes the user assumes for an option (the positions of members sensitive to the host's consent,
say) are fixed. Which positions to assume is the user's judgement, not the model's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from datetime import date
from typing import Protocol

from unsc.forecast.draft import DraftQuery, Forecast, forecast_drafts
from unsc.forecast.model import load_model
from unsc.types import Matter, Vote

MALI_AGENDA = "The situation in Mali"
"""The agenda item under which every MINUSMA resolution was adopted (res. 2100 to 2690)."""

MALI_PENHOLDER = ("FRA",)
"""France held the pen on Mali (Security Council Report, Monthly Forecast, June 2023)."""


class HasNumber(Protocol):
    @property
    def number(self) -> int: ...


def option_forecasts(
    conn: sqlite3.Connection,
    on: date,
    positions: Mapping[int, Mapping[str, Vote]],
    *,
    agenda: str = MALI_AGENDA,
    sponsors: tuple[str, ...] = MALI_PENHOLDER,
    as_of: date | None = None,
) -> dict[int, Forecast]:
    """One forecast per option number, each with that option's assumed votes fixed."""
    model = load_model(conn, as_of=as_of)
    numbers = sorted(positions)
    queries = [
        DraftQuery(
            date=on,
            agenda=agenda,
            sponsors=sponsors,
            matter=Matter.SUBSTANTIVE,
            assume=dict(positions[n]),
            id=f"option-{n}",
        )
        for n in numbers
    ]
    return dict(zip(numbers, forecast_drafts(model, queries), strict=True))


def option_forecaster(
    conn: sqlite3.Connection,
    positions: Mapping[int, Mapping[str, Vote]],
    *,
    agenda: str = MALI_AGENDA,
    sponsors: tuple[str, ...] = MALI_PENHOLDER,
    as_of: date | None = None,
) -> Callable[[HasNumber, date], float]:
    """A ``forecaster(option, on)`` giving the probability that the option's draft is adopted.

    An option missing from ``positions`` is forecast by the model alone.
    """
    model = load_model(conn, as_of=as_of)

    def forecaster(option: HasNumber, on: date) -> float:
        query = DraftQuery(
            date=on,
            agenda=agenda,
            sponsors=sponsors,
            assume=dict(positions.get(option.number, {})),
            id=f"option-{option.number}",
        )
        return forecast_drafts(model, [query])[0].outcome.adopted

    return forecaster
