"""The Council's views for the pages and the API: the Council on a date, a decision, presets.

Field names are the CLI's ``--json`` names (``unsc council --json``, ``unsc decide --json``), so
that a script written against the command line works against the API and back.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, TypedDict

import unsc
from unsc.council import ConfigDict, SeatKind, config_for_date, council_preset, council_presets
from unsc.errors import InputError
from unsc.membership import FIRST_DAY, MemberDict, last_known_day, members_on
from unsc.presidency import president_on
from unsc.rules import Decision
from unsc.types import Matter


class BoardSeat(TypedDict):
    """A seat of the vote board: the id to vote with, its label, the seat, whether its "no"
    is a veto."""

    id: str
    label: str
    seat: str
    kind: Annotated[str, SeatKind]
    veto: bool


class CouncilView(TypedDict):
    """The Council on a date (``unsc council --json``: ``date, size, president, members``),
    the configuration it votes by and the seats of the vote board; without a date, a preset's
    seats (no president, no members)."""

    date: str | None
    size: int
    president: MemberDict | None
    members: list[MemberDict]
    config: ConfigDict
    seats: list[BoardSeat]


def known_range() -> tuple[date, date]:
    """The dates for which membership is known (the simulator's date picker bounds)."""
    return FIRST_DAY, last_known_day()


def today() -> date:
    """Today, or the last day membership is known if the curated table ends earlier."""
    return min(date.today(), last_known_day())


def council_data(on: date | None, council: str | None = None) -> CouncilView:
    """The Council on a date (members, president) and the rule it votes by.

    The fields ``date, size, president, members`` are those of ``unsc council --json``;
    ``config`` is the configuration (``unsc presets --json``) and ``seats`` lists the seats in
    the order of the vote board: the id to vote with, its label and whether its "no" is a veto.
    Without a date, ``council`` names a preset whose seats are voted on by seat id.
    """
    if on is None and council is None:
        on = today()
    if on is None:
        assert council is not None
        config = council_preset(council)
        return {
            "date": None,
            "size": config.size,
            "president": None,
            "members": [],
            "config": config.to_dict(),
            "seats": [
                {
                    "id": s.seat_id,
                    "label": s.seat_id,
                    "seat": s.seat_id,
                    "kind": s.kind.value,
                    "veto": s.veto,
                }
                for s in config.seats
            ],
        }
    members = members_on(on)
    config = config_for_date(on) if council is None else council_preset(council)
    if config.size != len(members):
        raise InputError(
            f"council {config.id} has {config.size} seats but the Council had {len(members)} "
            f"members on {on}; leave out the date to vote by seats",
            field="council",
        )
    president = president_on(on)
    return {
        "date": on.isoformat(),
        "size": len(members),
        "president": president.to_dict(),
        "members": [m.to_dict() for m in members],
        "config": config.to_dict(),
        "seats": [
            {
                "id": m.code,
                "label": m.name,
                "seat": m.seat_id,
                "kind": "permanent" if m.permanent else "elected",
                "veto": m.permanent,
            }
            for m in sorted(members, key=lambda m: (not m.permanent, m.name))
        ],
    }


def decision(
    *,
    on: date | None,
    matter: Matter,
    no: tuple[str, ...],
    abstain: tuple[str, ...],
    not_voting: tuple[str, ...],
    absent: tuple[str, ...],
    council: str | None,
    strict: bool = False,
    parties: tuple[str, ...] = (),
) -> Decision:
    """Decide a vote as ``unsc decide`` does, by the library's one :func:`unsc.decide`: with a
    date the members of that date (every member not named voted yes), without one the seats of
    the ``council`` preset, with both that day's members under the preset's rule."""
    return unsc.decide(
        council,
        on=on,
        no=no,
        abstain=abstain,
        not_voting=not_voting,
        absent=absent,
        matter=matter,
        strict=strict,
        parties=parties,
    )


def presets_data() -> list[ConfigDict]:
    """Every configuration (``unsc presets --json``)."""
    return [p.to_dict() for p in council_presets().values()]
