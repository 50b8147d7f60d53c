"""Landmark votes of the Council as data, each with its source, replayed through the rules.

The cases live in ``unsc/data/cases.toml`` (the date, how the members voted, the outcome and
tally the record gives, and the public source: the resolution, meeting record or press
release). ``unsc demo`` replays them and the tests check that the engine agrees with each.

>>> case = next(c for c in historical_cases() if c.name.startswith("S/2023/638"))
>>> replay(case).explanation
'vetoed: 13 in favour (9 required), but permanent member RUS voted no'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from unsc._data import data_text
from unsc.errors import RecordError
from unsc.rules.decision import Decision
from unsc.rules.sitting import decide_on
from unsc.types import Matter, Outcome

CASES_FILE = "cases.toml"


@dataclass(frozen=True, slots=True)
class HistoricalCase:
    """A real vote: every member not named voted yes; ``expect`` is the recorded outcome."""

    name: str
    on: date
    expect: Outcome
    source: str
    tally: str = ""
    no: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    not_voting: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    vetoed_by: tuple[str, ...] = ()
    matter: Matter = Matter.SUBSTANTIVE


_LISTS = ("no", "abstain", "not_voting", "absent", "vetoed_by")
_TEXTS = ("name", "source", "tally")


def _case(table: dict[str, Any], where: str) -> HistoricalCase:
    for key in ("name", "date", "expect", "source"):
        if key not in table:
            raise RecordError("missing", file=where, field=key)
    for key, value in table.items():
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RecordError("must be a list of member codes", file=where, field=key)
        elif key in _TEXTS or key in ("expect", "matter"):
            if not isinstance(value, str):
                raise RecordError("must be text", file=where, field=key)
        elif key == "date":
            if not isinstance(value, date):
                raise RecordError("must be a date YYYY-MM-DD", file=where, field=key)
        else:
            raise RecordError("unknown field", file=where, field=key)
    try:
        expect = Outcome(table["expect"])
        matter = Matter.parse(table.get("matter", "substantive"))
    except ValueError as exc:
        raise RecordError(str(exc), file=where, field="expect") from None
    return HistoricalCase(
        name=table["name"],
        on=table["date"],
        expect=expect,
        source=table["source"],
        tally=table.get("tally", ""),
        matter=matter,
        **{key: tuple(table.get(key, ())) for key in _LISTS},
    )


def parse_cases(text: str, *, file: str = CASES_FILE) -> tuple[HistoricalCase, ...]:
    """Read cases from the TOML text of a cases file; a bad field names file, case and field."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(str(exc), file=file) from None
    return tuple(
        _case(table, f"{file} case {index} ({table.get('name', '?')})")
        for index, table in enumerate(data.get("case", []), start=1)
    )


@cache
def historical_cases() -> tuple[HistoricalCase, ...]:
    """The cases shipped in ``unsc/data/cases.toml``, in file order (read once)."""
    text = data_text(CASES_FILE)
    return parse_cases(text)


def replay(case: HistoricalCase) -> Decision:
    """Decide the case with the Council that sat on its date."""
    return decide_on(
        case.on,
        no=case.no,
        abstain=case.abstain,
        not_voting=case.not_voting,
        absent=case.absent,
        matter=case.matter,
    )


def disagreements(case: HistoricalCase, decision: Decision) -> list[str]:
    """How the engine's decision differs from the record (empty when it agrees)."""
    found = []
    if decision.outcome is not case.expect:
        found.append(f"outcome {decision.outcome.value}, the record says {case.expect.value}")
    if case.tally and decision.tally != case.tally:
        found.append(f"tally {decision.tally}, the record says {case.tally}")
    if set(decision.vetoed_by) != set(case.vetoed_by):
        found.append(
            f"vetoed by {', '.join(decision.vetoed_by) or 'nobody'}, the record says "
            f"{', '.join(case.vetoed_by) or 'nobody'}"
        )
    return found
