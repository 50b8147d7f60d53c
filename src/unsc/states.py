"""States that have sat on the Council or may be named: codes, names over time, regional groups.

Codes are ISO 3166-1 alpha-3; states that no longer exist keep their ISO 3166-3 codes (SUN for the
USSR, YUG, CSK, DDR, YMD) and the Republic of China, which held China's seat until GA res. 2758
(XXVI) of 25 October 1971, is TWN. Regional groups are the UN's five electoral groups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from unsc._data import curated_rows, optional_date
from unsc.errors import InputError


@dataclass(frozen=True, slots=True)
class State:
    """A state, by its code, with its current (or last) English name and regional group."""

    code: str
    name: str
    regional_group: str
    m49: str
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True, slots=True)
class StateName:
    """A name a state was known by, in a period (open ends are None)."""

    code: str
    name: str
    valid_from: date | None
    valid_to: date | None
    official: bool = False


@cache
def _states() -> dict[str, State]:
    found: dict[str, State] = {}
    for line, row in curated_rows("states.csv"):
        found[row["code"]] = State(
            code=row["code"],
            name=row["name"],
            regional_group=row["regional_group"],
            m49=row["m49"],
            valid_from=optional_date(
                row["valid_from"], file="states.csv", line=line, field="valid_from"
            ),
            valid_to=optional_date(row["valid_to"], file="states.csv", line=line, field="valid_to"),
        )
    return found


@cache
def _names() -> tuple[StateName, ...]:
    names = [
        StateName(s.code, s.name, s.valid_from, s.valid_to, official=True)
        for s in _states().values()
    ]
    for line, row in curated_rows("state_names.csv"):
        names.append(
            StateName(
                code=row["code"],
                name=row["name"],
                valid_from=optional_date(
                    row["valid_from"], file="state_names.csv", line=line, field="valid_from"
                ),
                valid_to=optional_date(
                    row["valid_to"], file="state_names.csv", line=line, field="valid_to"
                ),
                official=row.get("official") == "1",
            )
        )
    return tuple(names)


def _key(text: str) -> str:
    """Normalise a name for matching: no accents, case, punctuation or a leading 'the'."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")  # curly apostrophes in sources
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"'\s*", "", plain.lower())
    plain = re.sub(r"[^a-z0-9]+", " ", plain).strip()
    return re.sub(r"^the ", "", plain)


@cache
def _name_index() -> dict[str, tuple[StateName, ...]]:
    index: dict[str, list[StateName]] = {}
    for entry in _names():
        index.setdefault(_key(entry.name), []).append(entry)
    return {k: tuple(v) for k, v in index.items()}


def all_states() -> tuple[State, ...]:
    """Every state unsc knows, sorted by code."""
    return tuple(sorted(_states().values(), key=lambda s: s.code))


def state(code: str) -> State:
    """The state with this code (case-insensitive); an unknown code is an :class:`InputError`."""
    found = _states().get(code.strip().upper())
    if found is None:
        raise InputError(f"unknown member code {code!r}: use ISO 3166 alpha-3 codes", field="code")
    return found


def is_state_code(code: str) -> bool:
    return code.strip().upper() in _states()


def names_of(code: str) -> tuple[StateName, ...]:
    """Every name recorded for a state, its official one first."""
    return tuple(n for n in _names() if n.code == state(code).code)


def name_on(code: str, on: date) -> str:
    """The official name a state had on a date (e.g. EGY in 1961: United Arab Republic)."""
    current = state(code)
    for entry in _names():
        if entry.code != current.code or not entry.official or entry.name == current.name:
            continue
        if _covers(entry, on):
            return entry.name
    return current.name


def _covers(entry: StateName, on: date) -> bool:
    return (entry.valid_from is None or entry.valid_from <= on) and (
        entry.valid_to is None or on < entry.valid_to
    )


def resolve_state(text: str, on: date | None = None) -> str:
    """Map a code or any name spelling used by the sources to a state code.

    Codes pass through. Names are matched without case, accents or punctuation; when a name
    was used by several states over time, ``on`` picks the one of that date.

    >>> resolve_state("USSR"), resolve_state("COTE D'IVOIRE"), resolve_state("United Arab Republic")
    ('SUN', 'CIV', 'EGY')
    """
    raw = text.strip()
    if raw.upper() in _states() and len(raw) == 3:
        return raw.upper()
    key = _key(raw)
    candidates = _name_index().get(key)
    if not candidates:
        # "Bolivia (Plurinational State of)" and "BOLIVIA" both resolve through the part before
        # a parenthesis or comma.
        short = _key(re.split(r"[(,]", raw, maxsplit=1)[0])
        candidates = _name_index().get(short)
    if not candidates:
        raise InputError(f"unknown state name {text!r}", field="member")
    codes = {c.code for c in candidates}
    if len(codes) == 1 or on is None:
        return candidates[0].code
    # A name bounded in time beats an open-ended one: "China" before 25 Oct 1971 is TWN.
    ranked = sorted(candidates, key=lambda e: (e.valid_from is None) + (e.valid_to is None))
    for entry in ranked:
        if _covers(entry, on):
            return entry.code
    return candidates[0].code
