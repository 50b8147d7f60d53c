"""Output helpers shared by every command: ``--json``, ``--csv`` and Rich tables."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from unsc import jsonenc
from unsc.errors import UnscError

if TYPE_CHECKING:  # Rich loads when a command prints, not at start-up
    from rich.console import Console
    from rich.table import Table

F = TypeVar("F", bound=Callable[..., Any])


def console() -> Console:
    """The console of every command: user text (an agenda like "[bold]x") is never markup."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, markup=False)


def dumps(data: object) -> str:
    """Serialise to JSON the way every command and the API do (:mod:`unsc.jsonenc`), indented."""
    return jsonenc.dumps(data, indent=2)


def print_json(data: object) -> None:
    sys.stdout.write(dumps(data) + "\n")


def print_csv(rows: Sequence[Mapping[str, object]], columns: Sequence[str] | None = None) -> None:
    columns = list(columns or (rows[0].keys() if rows else []))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    sys.stdout.write(buffer.getvalue())


def _cell(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return jsonenc.dumps(value)
    return "" if value is None else value


def make_table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Table:
    """A Rich table of plain-text cells (a title like "[on MINUSMA]" is not Rich markup)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    columns = list(columns or (rows[0].keys() if rows else []))
    table = Table(
        title=Text(title) if title else None,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        padding=(0, 1, 0, 0),
        pad_edge=False,
    )
    for column in columns:
        table.add_column(Text((headers or {}).get(column, column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(_cell(row.get(c)))) for c in columns))
    return table


def print_table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str] | None = None,
    *,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> None:
    console().print(make_table(rows, columns, title=title, headers=headers))


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn an :class:`UnscError` into one line on stderr and exit status 2."""
    try:
        yield
    except UnscError as exc:
        typer.echo("error: " + " ".join(str(exc).split()), err=True)
        raise typer.Exit(code=2) from exc
