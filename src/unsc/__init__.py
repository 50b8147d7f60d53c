"""unsc: the UN Security Council as software.

The public surface is what :data:`__all__` names. Decide a vote of any Council with
:func:`decide`; read who sat when with :func:`members_on`; read the Council's configurations
with :func:`council_presets`; query the record of every vote since 1946 with :class:`Record`,
whose methods return typed values (:mod:`unsc.record.values`). The subpackages hold the rest:
the rules engine (:mod:`unsc.rules`), the record database (:mod:`unsc.record`), peacekeeping
mandates (:mod:`unsc.missions`), forecasts (:mod:`unsc.forecast`) and voting power
(:mod:`unsc.power`).

>>> import unsc
>>> unsc.decide("2023-08-30", no="RUS", abstain="CHN").explanation
'vetoed: 13 in favour (9 required), but permanent member RUS voted no'
"""

from typing import TYPE_CHECKING, Any

from unsc.council import (
    PERMANENT_SEATS,
    CouncilConfig,
    Seat,
    SeatKind,
    config_for_date,
    council_preset,
    council_presets,
)
from unsc.errors import InputError, NotFoundError, RecordError, UnscError
from unsc.membership import Member, members_on, permanent_seat_holders
from unsc.presidency import president_on
from unsc.rules.council_vote import decide
from unsc.rules.decision import Decision
from unsc.types import Matter, Outcome, Vote

if TYPE_CHECKING:
    from unsc.record.handle import Record

#: The version of unsc; the one place it is written (pyproject.toml reads it from here).
__version__ = "0.1.0"

__all__ = [
    "PERMANENT_SEATS",
    "CouncilConfig",
    "Decision",
    "InputError",
    "Matter",
    "Member",
    "NotFoundError",
    "Outcome",
    "Record",
    "RecordError",
    "Seat",
    "SeatKind",
    "UnscError",
    "Vote",
    "__version__",
    "config_for_date",
    "council_preset",
    "council_presets",
    "decide",
    "members_on",
    "permanent_seat_holders",
    "president_on",
]


def __getattr__(name: str) -> Any:
    # Record loads on first use (PEP 562): the command line's start-up does not need it.
    if name == "Record":
        from unsc.record.handle import Record

        return Record
    raise AttributeError(f"module 'unsc' has no attribute {name!r}")
