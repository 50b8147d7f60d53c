"""Reading the curated tables shipped in ``unsc/data``: facts the project curates, each sourced."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from unsc.errors import RecordError

_DATA = Path(__file__).resolve().parent / "data"


def data_text(name: str) -> str:
    """The text of the shipped file ``unsc/data/<name>``.

    Read from beside this module, where an installed or editable package keeps it; only a
    package imported from a zip archive needs ``importlib.resources`` (which costs start-up
    time every command would pay, so it is imported only then).
    """
    path = _DATA / name
    if path.is_file():
        return path.read_text(encoding="utf-8")
    from importlib import resources

    return resources.files("unsc").joinpath("data", name).read_text(encoding="utf-8")


def curated_rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row of the curated CSV file ``unsc/data/<name>``."""
    text = data_text(name)
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}


def optional_date(value: str, *, file: str, line: int, field: str) -> date | None:
    """Parse an ISO date or an empty cell, naming the cell when it cannot be parsed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(
            f"not an ISO date: {value!r}", file=file, line=line, field=field
        ) from None
