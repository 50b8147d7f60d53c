"""Reading the curated tables shipped in ``unsc/data``: facts the project curates, each sourced."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from importlib import resources

from unsc.errors import RecordError


def curated_rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row of the curated CSV file ``unsc/data/<name>``."""
    text = resources.files("unsc").joinpath("data", name).read_text(encoding="utf-8")
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
