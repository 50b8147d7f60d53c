"""``unsc forecast score``: the vote model against votes cast (a session's, or the record's).

A thin layer over :func:`unsc.forecast.score.score_votes`: reads the votes file, loads the
model of the record and prints the scores (a summary and three tables, or ``--json``).
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer

from unsc.cli._output import console, print_json, print_table, user_errors
from unsc.cli.forecast import DbOption
from unsc.types import parse_date


def score_command(
    votes: Annotated[
        Path,
        typer.Option(
            "--votes",
            help="Votes cast: a session's export (JSON or CSV) or a CSV of the record's votes "
            "(`unsc votes --csv`).",
        ),
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Train only on drafts before this date (default: the first vote's)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Score the model against votes cast: did each delegation vote in character?

    Per member: the mean probability the model gave to the votes it cast, Brier score and log
    loss; per question: the outcome against the model's most likely one.
    """
    from unsc.forecast.score import score_votes
    from unsc.record.db import connect
    from unsc.record.votes_file import read_votes_file

    with user_errors():
        cut = parse_date(as_of, "as-of", label="--as-of") if as_of else None
        found = read_votes_file(votes)  # a bad file is refused before the model loads
        with closing(connect(db)) as conn:
            report = score_votes(conn, found, as_of=cut)
    if as_json:
        print_json(report.to_dict())
        return
    out = console()
    total = report.overall
    out.print(
        f"model {report.model_id}, trained on the record before {report.as_of} (through "
        f"{report.trained_through}); {len(report.questions)} questions, {total.votes} votes"
    )
    out.print(
        f"votes: mean P(vote cast) {total.probability:.3f}, as expected {total.in_character:.0%}, "
        f"Brier {total.brier:.4f}, log loss {total.log_loss:.4f}"
    )
    outcomes = report.outcomes
    if outcomes["questions"]:
        each = ", ".join(
            f"{o['expected']} of {o['questions']} {name}"
            for name, o in outcomes["by_outcome"].items()
            if o["questions"]
        )
        out.print(
            f"outcomes: {outcomes['expected']} of {outcomes['questions']} as expected "
            f"({outcomes['share']:.0%}: {each}), Brier {outcomes['brier']:.4f}"
        )
    print_table(
        [
            {
                "member": code,
                "votes": s.votes,
                "P(vote cast)": f"{s.probability:.3f}",
                "as expected": f"{s.in_character:.0%}",
                "Brier": f"{s.brier:.4f}",
                "log loss": f"{s.log_loss:.4f}",
            }
            for code, s in report.members.items()
        ],
        title="By member",
    )
    print_table(
        [
            {
                "question": q.symbol,
                "date": q.date.isoformat(),
                "outcome": q.outcome.value if q.outcome else "",
                "expected": q.expected.value,
                "P(outcome)": f"{q.forecast.outcome.prob(q.outcome):.3f}" if q.outcome else "",
            }
            for q in report.questions
        ],
        title="By question",
    )
    print_table(
        [
            {
                "question": r["symbol"],
                "member": r["member"],
                "vote": r["vote"],
                "P(vote)": f"{r['probability']:.3f}",
                "expected": r["expected"],
            }
            for r in report.least_expected(10)
        ],
        title="The least expected votes",
    )
    for skip in report.skipped:
        out.print(f"skipped {skip['symbol']} ({skip['where']}): {skip['reason']}")
