"""Questions to the record: `unsc resolution`, `draft`, `vetoes`, `votes`, `stats`, `search`.

Thin commands over :mod:`unsc.record.query`: each prints a table by default, ``--json`` the
library's dicts as they are, ``--csv`` one row per line. ``--db`` picks the database (else
``UNSC_DB``, else the platform data directory: :func:`unsc.record.db.default_db_path`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from unsc.cli._output import console, print_csv, print_json, print_table, user_errors
from unsc.errors import InputError
from unsc.record import query
from unsc.record.db import connect
from unsc.record.stats import COLUMNS as STATS_COLUMNS

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
SinceOption = Annotated[
    str | None, typer.Option("--since", help="First year (or date YYYY-MM-DD), inclusive.")
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Last year (or date YYYY-MM-DD), inclusive.")
]
SeatOption = Annotated[
    bool,
    typer.Option(
        "--seat", help="Include the other holders of the member's permanent seat (RUS: the USSR)."
    ),
]


@contextmanager
def _record(db: Path | None, as_json: bool, as_csv: bool) -> Iterator[sqlite3.Connection]:
    """Check the output flags, open the database, turn user errors into exit status 2."""
    with user_errors():
        if as_json and as_csv:
            raise InputError("give --json or --csv, not both", field="csv")
        with closing(connect(db)) as conn:
            yield conn


def _emit(
    data: object,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    as_csv: bool,
    title: str | None = None,
    empty: str = "nothing found",
    headers: Mapping[str, str] | None = None,
) -> None:
    from rich.text import Text

    if as_json:
        print_json(data)
    elif as_csv:
        print_csv(rows, columns)
    elif not rows:
        console().print(Text(empty))
    else:
        print_table(rows, columns, title=title, headers=headers)


def _tally(found: Mapping[str, Any]) -> str:
    text = found.get("tally_text")
    if not text:
        return "no tally known"
    return f"{text} (yes-no-abstain)" if found.get("vote_line") == "voted" else str(text)


def _header(found: Mapping[str, Any], lines: Sequence[tuple[str, str]]) -> None:
    from rich.text import Text

    out = console()
    for label, key in lines:
        value = found.get(key)
        if value not in (None, "", []):
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            out.print(Text.assemble((f"{label}: ", "bold"), text))
    out.print(Text.assemble(("vote: ", "bold"), _tally(found)))
    if found.get("matter") == "procedural":
        source = found.get("matter_source")
        out.print(
            Text.assemble(("matter: ", "bold"), "procedural" + (f" ({source})" if source else ""))
        )
    if found.get("amends"):
        out.print(Text.assemble(("amends: ", "bold"), str(found["amends"])))
    for amendment in found.get("amendments") or ():
        out.print(
            Text.assemble(
                ("amendment: ", "bold"),
                f"{amendment['symbol']} {amendment['outcome']} "
                f"{amendment['yes']}-{amendment['no']}-{amendment['abstain']}",
            )
        )


MEMBER_COLUMNS = ("code", "name", "vote")
SHORT_HEADERS = {"resolution_number": "res"}


def resolution_command(
    number: Annotated[int, typer.Argument(help="Resolution number, e.g. 2690.")],
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """A resolution: date, symbol, draft, title and agenda item, tally and each member's vote."""
    with _record(db, as_json, as_csv) as conn:
        found = query.resolution(conn, number)
    rows = [
        {"number": found["number"], "symbol": found["symbol"], "date": found["date"], **m}
        for m in found["members"]
    ]
    if as_json or as_csv:
        _emit(
            found,
            rows,
            ("number", "symbol", "date", *MEMBER_COLUMNS),
            as_json=as_json,
            as_csv=as_csv,
        )
        return
    _header(
        found,
        (
            ("resolution", "symbol"),
            ("date", "date"),
            ("title", "title"),
            ("draft", "draft"),
            ("agenda", "agenda"),
            ("meeting", "meeting_record"),
        ),
    )
    _emit(
        found,
        found["members"],
        MEMBER_COLUMNS,
        as_json=False,
        as_csv=False,
        empty=_no_votes(found),
    )


def _no_votes(found: dict[str, Any]) -> str:
    """What to say when a vote has no member votes: why there are none."""
    if found.get("vote_line") not in (None, "voted"):
        return "no member votes: the decision was taken without a vote"
    if found.get("yes") is None:
        return "no member votes and no tally in the sources"
    return "no member votes in the sources (only the tally is known)"


def _provenance(found: dict[str, Any]) -> None:
    """Say where a vote stands apart: outside the UN Library's lists, votes derived."""
    from rich.text import Text

    if not found.get("in_library_lists", True):
        console().print(
            Text("not in the UN Library's lists: curated (counted with --include-unlisted)")
        )
    if found.get("votes_derived"):
        console().print(
            Text("member votes derived from the tally and the members sitting that day")
        )
    if found.get("votes_cited"):
        console().print(Text(f"member votes curated from {found['votes_cited']}"))


def draft_command(
    symbol: Annotated[str, typer.Argument(help="Draft symbol, e.g. S/2023/638.")],
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """A draft: outcome, tally, who vetoed it, each member's vote."""
    from rich.text import Text

    with _record(db, as_json, as_csv) as conn:
        found = query.draft(conn, symbol)
    rows = [{"symbol": found["symbol"], "date": found["date"], **m} for m in found["members"]]
    if as_json or as_csv:
        _emit(found, rows, ("symbol", "date", *MEMBER_COLUMNS), as_json=as_json, as_csv=as_csv)
        return
    _header(
        found,
        (
            ("draft", "symbol"),
            ("id", "ref"),
            ("date", "date"),
            ("outcome", "outcome"),
            ("vetoed by", "vetoed_by"),
            ("resolution", "resolution_number"),
            ("kind", "kind"),
            ("agenda", "agenda"),
            ("title", "title"),
            ("meeting", "meeting_record"),
            ("sponsors", "sponsors"),
        ),
    )
    _provenance(found)
    for other in found["other_votes"]:
        console().print(
            Text(
                f"also voted under this symbol on {other['date']}: {other['kind']}, "
                f"{other['outcome']} {other['yes']}-{other['no']}-{other['abstain']}"
            )
        )
    _emit(
        found,
        found["members"],
        MEMBER_COLUMNS,
        as_json=False,
        as_csv=False,
        empty=_no_votes(found),
    )


VETO_COLUMNS = ("date", "symbol", "ref", "kind", "vetoed_by", "yes", "no", "abstain", "agenda")
COUNT_COLUMNS = ("member", "name", "vetoes", "alone", "first", "last")


IncludeAmendments = Annotated[
    bool,
    typer.Option(
        "--include-unlisted",
        "--include-amendments",
        help="Also count the votes the UN Library's lists leave out: amendments and the curated "
        "vetoes of record_unlisted_vetoes.csv (by default counts follow the Library).",
    ),
]


def vetoes_command(
    member: Annotated[
        str | None, typer.Option("--member", help="Only the drafts this member vetoed (code).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    seat: SeatOption = False,
    count: Annotated[
        bool, typer.Option("--count", help="Count vetoes by member instead of listing drafts.")
    ] = False,
    include_amendments: IncludeAmendments = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Vetoed drafts, oldest first, with who vetoed them and the tally."""
    with _record(db, as_json, as_csv) as conn:
        if count:
            if member is not None:
                raise InputError("--count counts every member: leave out --member", field="count")
            counts = query.veto_counts(conn, since, until, include_amendments=include_amendments)
            _emit(
                counts,
                counts,
                COUNT_COLUMNS,
                as_json=as_json,
                as_csv=as_csv,
                title="Vetoes by member",
            )
            return
        rows = query.vetoes(
            conn, member, since, until, seat=seat, include_amendments=include_amendments
        )
    _emit(
        rows,
        rows,
        VETO_COLUMNS,
        as_json=as_json,
        as_csv=as_csv,
        title=f"{len(rows)} vetoed drafts",
        empty="no vetoed drafts",
    )


VOTE_COLUMNS = ("date", "symbol", "resolution_number", "member", "vote", "outcome", "agenda")
AGREEMENT_COLUMNS = ("year", "member", "with", "both_voted", "same", "opposed", "agreement")


def votes_command(
    member: Annotated[str, typer.Option("--member", help="Member code, e.g. RUS.")],
    with_: Annotated[
        str | None,
        typer.Option("--with", help="Another member: agreement between the two, by year."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    seat: SeatOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """A member's votes; with --with, how often two members voted alike, by year."""
    with _record(db, as_json, as_csv) as conn:
        if with_ is not None:
            rows = query.agreement(conn, member, with_, since, until, seat=seat)
            columns: Sequence[str] = AGREEMENT_COLUMNS
            title = f"Agreement of {member.upper()} with {with_.upper()} (same vote / both voted)"
        else:
            rows = query.member_votes(conn, member, since, until, seat=seat)
            columns = VOTE_COLUMNS
            title = f"{len(rows)} votes of {member.upper()}"
    _emit(
        rows,
        rows,
        columns,
        headers=SHORT_HEADERS,
        as_json=as_json,
        as_csv=as_csv,
        title=title,
        empty="no votes in that period",
    )


STATS_HEADERS = {
    "resolutions": "res",
    "unanimous": "unan",
    "unanimity_rate": "unan%",
    "without_vote": "novote",
    "abstentions": "abst",
    "with_abstentions": "resabst",
    "vetoed": "vetoed",
    "vetoes_cast": "vetoes",
    "failed": "failed",
    "drafts": "votes",
}


def stats_command(
    since: SinceOption = None,
    until: UntilOption = None,
    include_amendments: IncludeAmendments = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """By year: resolutions, unanimity, abstentions, vetoes, failed drafts."""
    with _record(db, as_json, as_csv) as conn:
        rows = query.stats_by_year(conn, since, until, include_amendments=include_amendments)
    if not (as_json or as_csv):
        shown = [
            r
            | {
                "unanimity_rate": None
                if r["unanimity_rate"] is None
                else f"{r['unanimity_rate']:.0%}"
            }
            for r in rows
        ]
        _emit(
            rows,
            shown,
            STATS_COLUMNS,
            as_json=False,
            as_csv=False,
            title="The Council's votes by year",
            empty="no votes in that period",
            headers=STATS_HEADERS,
        )
        return
    _emit(
        rows,
        rows,
        STATS_COLUMNS,
        as_json=as_json,
        as_csv=as_csv,
        title="The Council's votes by year",
        empty="no votes in that period",
    )


SEARCH_COLUMNS = ("date", "symbol", "resolution_number", "outcome", "title", "agenda")


def search_command(
    text: Annotated[str, typer.Argument(help="Words to find, e.g. 'Mali sanctions'.")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many results.")] = 50,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Find drafts and resolutions by words of their agenda item, title or symbol."""
    with _record(db, as_json, as_csv) as conn:
        rows = query.search(conn, text, limit)
    if not (as_json or as_csv):
        rows = [r | {"title": r["title"] or r["agenda"]} for r in rows]
    _emit(
        rows,
        rows,
        SEARCH_COLUMNS[:-1] if not (as_json or as_csv) else SEARCH_COLUMNS,
        headers=SHORT_HEADERS,
        as_json=as_json,
        as_csv=as_csv,
        title=f"{len(rows)} found (newest first)",
        empty="nothing found",
    )


def register(app: typer.Typer) -> None:
    app.command("resolution")(resolution_command)
    app.command("draft")(draft_command)
    app.command("vetoes")(vetoes_command)
    app.command("votes")(votes_command)
    app.command("stats")(stats_command)
    app.command("search")(search_command)
