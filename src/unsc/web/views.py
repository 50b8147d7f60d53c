"""The data behind each page and its JSON twin: one function per view, shared by both.

Field names are the CLI's ``--json`` names (``unsc council --json``, ``unsc decide --json``), so
that a script written against the command line works against the API and back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from unsc import types
from unsc.council import config_for_date, council_preset, council_presets
from unsc.errors import InputError
from unsc.membership import FIRST_DAY, last_known_day, members_on
from unsc.presidency import president_on
from unsc.rules import Decision, decide_config, decide_on
from unsc.types import Matter
from unsc.web import cache

#: Longest text accepted in a query parameter (longer input is an error, not work).
MAX_PARAM = 400


@dataclass(frozen=True, slots=True)
class Settings:
    """What the application was started with."""

    db: Path


@contextmanager
def record(settings: Settings) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the record database for one request.

    Connections are kept per thread (sqlite3 connections belong to the thread that opened them,
    see :func:`unsc.web.cache.connection`). A missing database raises
    :class:`unsc.errors.NotFoundError` with ``field="db"``, which the API answers with 503
    ``no_record`` and the pages with the command that builds it.
    """
    yield cache.connection(settings.db)


def parse_date(text: str | None, *, field: str = "date", default: date | None = None) -> date:
    """An ISO date ``YYYY-MM-DD``; an empty parameter takes ``default`` if there is one."""
    if text is None or not text.strip():
        if default is not None:
            return default
        raise InputError(f"parameter {field!r} is required (YYYY-MM-DD)", field=field)
    return types.parse_date(text[:MAX_PARAM], field, label=f"parameter {field!r}")


def split_codes(text: str | None, *, field: str) -> list[str]:
    """Comma-separated codes (``RUS,CHN``) as a list; blanks are skipped."""
    if text is None:
        return []
    if len(text) > MAX_PARAM:
        raise InputError(f"parameter {field!r} is too long", field=field)
    return [part.strip().upper() for part in text.split(",") if part.strip()]


def parse_matter(text: str | None) -> Matter:
    return Matter.SUBSTANTIVE if text is None or not text.strip() else Matter.parse(text[:40])


def known_range() -> tuple[date, date]:
    """The dates for which membership is known (the simulator's date picker bounds)."""
    return FIRST_DAY, last_known_day()


def today() -> date:
    """Today, or the last day membership is known if the curated table ends earlier."""
    return min(date.today(), last_known_day())


def council_data(on: date | None, council: str | None = None) -> dict[str, Any]:
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
        config = council_preset(council[:MAX_PARAM])
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
    config = config_for_date(on) if council is None else council_preset(council[:MAX_PARAM])
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
    on: str | None,
    matter: str | None,
    no: str | None,
    abstain: str | None,
    not_voting: str | None,
    absent: str | None,
    council: str | None,
) -> Decision:
    """Decide a vote as ``unsc decide`` does: with a date the members of that date (every member
    not named voted yes), without one the seats of the ``council`` preset.

    Not memoised here: the library memoises the Council of a date and the presets, and the
    response cache (:mod:`unsc.web.respcache`) resends repeated answers."""
    the_matter = parse_matter(matter)
    no_ = split_codes(no, field="no")
    abstain_ = split_codes(abstain, field="abstain")
    not_voting_ = split_codes(not_voting, field="not_voting")
    absent_ = split_codes(absent, field="absent")
    preset = council.strip()[:MAX_PARAM] if council and council.strip() else None
    if (on is None or not on.strip()) and preset is None:
        raise InputError("give 'date' (a real Council) or 'council' (a preset)", field="date")
    if on is not None and on.strip():
        return decide_on(
            parse_date(on),
            no=no_,
            abstain=abstain_,
            not_voting=not_voting_,
            absent=absent_,
            matter=the_matter,
            council=preset,
        )
    assert preset is not None
    return decide_config(
        preset, no=no_, abstain=abstain_, not_voting=not_voting_, absent=absent_, matter=the_matter
    )


def presets_data() -> list[dict[str, object]]:
    """Every configuration (``unsc presets --json``)."""
    return [p.to_dict() for p in council_presets().values()]
