"""``unsc forecast``: how will the Council vote on a draft? ``backtest`` and ``score`` the model.

A thin layer over :mod:`unsc.forecast`. The plain form forecasts one draft, ``--batch`` reads
one draft per line of a JSONL file and prints one JSON line per draft, in order.
"""

from __future__ import annotations

import sys
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from unsc import jsonenc
from unsc.cli._output import console, dumps, print_json, print_table, user_errors
from unsc.errors import InputError
from unsc.types import Matter, Vote, parse_date

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Record database (default: $UNSC_DB, else the user data dir)."),
]


def _codes(text: str | None, field: str) -> tuple[str, ...]:
    if not text:
        return ()
    out = tuple(part.strip().upper() for part in text.split(",") if part.strip())
    if not out:
        raise InputError(f"--{field} needs comma-separated codes", field=field)
    return out


def parse_assume(text: str | None) -> dict[str, Vote]:
    """``RUS=no,CHN=abstain`` -> {"RUS": Vote.NO, "CHN": Vote.ABSTAIN}."""
    found: dict[str, Vote] = {}
    if not text:
        return found
    for part in text.split(","):
        if not part.strip():
            continue
        code, sep, vote = part.partition("=")
        if not sep or not code.strip() or not vote.strip():
            raise InputError(
                f"--assume wants CODE=VOTE pairs, got {part.strip()!r}", field="assume"
            )
        found[code.strip().upper()] = Vote.parse(vote)
    return found


def _date(text: str, field: str) -> date:
    return parse_date(text, field, label=f"--{field}")


BATCH_CHUNK = 256
"""Drafts forecast per model call in ``--batch``: output follows input within this many lines."""


def _run_batch(path: Path, db: Path | None) -> None:
    from unsc.cli._params import BATCH_LINES, LINE_BYTES
    from unsc.forecast.batch import iter_batch
    from unsc.forecast.draft import forecast_drafts
    from unsc.forecast.model import load_model
    from unsc.record.db import connect

    queries = iter_batch(
        path,
        max_line_bytes=LINE_BYTES.value(),
        max_lines=BATCH_LINES.value(),
        hint=f" (set {LINE_BYTES.env} or {BATCH_LINES.env} to raise it)",
    )
    first = next(queries, None)  # a bad first line is refused before the model loads
    if first is None:
        return
    with closing(connect(db)) as conn:
        model = load_model(conn)
    out = sys.stdout
    chunk: list[Any] = [first]
    for query in queries:
        chunk.append(query)
        if len(chunk) == BATCH_CHUNK:
            _write_forecasts(out, forecast_drafts(model, chunk))
            chunk = []
    if chunk:
        _write_forecasts(out, forecast_drafts(model, chunk))


def _write_forecasts(out: Any, forecasts: list[Any]) -> None:
    for forecast in forecasts:
        out.write(jsonenc.dumps(forecast) + "\n")
    out.flush()


def _print_forecast(data: dict[str, Any]) -> None:
    out = console()
    out.print(
        f"{data['date']}  {data['agenda']}  ({data['matter']}; model {data['model_id']}, "
        f"trained through {data['trained_through']})"
    )
    if data.get("action"):
        out.print(
            f"mission {data.get('mission') or '-'}: {data['action']}; host "
            f"{data.get('host_position') or 'unknown'}"
        )
    rows = [
        {
            "member": code,
            "yes": f"{p['yes']:.3f}",
            "no": f"{p['no']:.3f}",
            "abstain": f"{p['abstain']:.3f}",
            "not voting": f"{p['not_voting']:.3f}",
            "assumed": data["assumed"].get(code, ""),
        }
        for code, p in data["members"].items()
    ]
    print_table(rows, title="Member votes")
    o = data["outcome"]
    out.print(f"adopted {o['adopted']:.3f}   vetoed {o['vetoed']:.3f}   failed {o['failed']:.3f}")
    vetoers = ", ".join(f"{c} {p:.3f}" for c, p in o["vetoed_by"].items())
    out.print(f"veto by: {vetoers}")
    blocs = data.get("outcome_with_blocs")
    if blocs:
        out.print(
            f"with blocs {data['blocs']} ({blocs['samples']} draws, seed {blocs['seed']}): "
            f"adopted {blocs['adopted']:.3f}   vetoed {blocs['vetoed']:.3f}   "
            f"failed {blocs['failed']:.3f}"
        )
    pivots = data.get("pivotal") or []
    if pivots:
        out.print(
            "pivotal: "
            + "; ".join(
                f"{p['member']} (adopted {min(p['adopted_if'].values()):.2f}"
                f"-{max(p['adopted_if'].values()):.2f})"
                for p in pivots
            )
        )
    changes = data.get("to_pass") or []
    if changes:
        best = changes[0]
        moves = ", ".join(f"{c} {m['from']}->{m['to']}" for c, m in best["changes"].items())
        out.print(f"smallest change to pass: {moves}")


def forecast_callback(
    ctx: typer.Context,
    on: Annotated[str | None, typer.Option("--date", help="Date of the vote, YYYY-MM-DD.")] = None,
    agenda: Annotated[str | None, typer.Option("--agenda", help="Agenda item text.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic or subject.")] = None,
    sponsors: Annotated[
        str | None, typer.Option("--sponsors", help="Sponsors or penholders, e.g. FRA,GBR.")
    ] = None,
    members: Annotated[
        str | None,
        typer.Option("--members", help="The 15 (or 11) members, when the record lacks them."),
    ] = None,
    matter: Annotated[
        str, typer.Option("--matter", help="substantive, procedural, amendment, preliminary.")
    ] = "substantive",
    assume: Annotated[
        str | None, typer.Option("--assume", help="Known votes, e.g. RUS=no,CHN=abstain.")
    ] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="JSONL file, one draft per line.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Train only on drafts before this date (YYYY-MM-DD)."),
    ] = None,
    bloc: Annotated[
        list[str] | None,
        typer.Option("--bloc", help="Members voting as a bloc, e.g. RUS,CHN (repeatable)."),
    ] = None,
    cohesion: Annotated[
        float, typer.Option("--cohesion", help="How tightly blocs vote together, 0 to 1.")
    ] = 0.8,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bloc simulation.")] = 0,
    samples: Annotated[
        int, typer.Option("--samples", help="Draws of the bloc simulation.")
    ] = 20_000,
    action: Annotated[
        str | None,
        typer.Option(
            "--action",
            help="What the draft does to a mandate: establish, renew, renew_with_changes, "
            "draw_down, terminate, other (default renew when the draft names a mission).",
        ),
    ] = None,
    host_position: Annotated[
        str | None,
        typer.Option(
            "--host-position",
            help="The host's position: consents, restricts, requests_drawdown, "
            "requests_withdrawal, withdrawn (default: from the consent events).",
        ),
    ] = None,
    mission: Annotated[
        str | None, typer.Option("--mission", help="The mission the draft concerns, e.g. MINUSMA.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Forecast each member's vote and the outcome of a draft (or of a --batch of drafts).

    The outcome is exact for the model's votes; with --bloc, a seeded simulation where the
    named members vote together is added as outcome_with_blocs.
    """
    if ctx.invoked_subcommand is not None:
        return
    from unsc.cli._params import SAMPLES, in_range
    from unsc.forecast.draft import forecast_draft
    from unsc.forecast.scenarios import pivotal_members, smallest_changes
    from unsc.record.db import connect

    with user_errors():
        in_range(samples, "samples", 1)
        SAMPLES.check(samples, "samples")
        in_range(seed, "seed", 0, 2**63 - 1)
        in_range(cohesion, "cohesion", 0, 1)
        if batch is not None:
            _run_batch(batch, db)
            return
        if not on or not agenda:
            raise InputError("give --date and --agenda (or --batch FILE)", field="date")
        with closing(connect(db)) as conn:
            forecast = forecast_draft(
                conn,
                _date(on, "date"),
                agenda,
                topic=topic,
                sponsors=_codes(sponsors, "sponsors"),
                members=_codes(members, "members") or None,
                matter=Matter.parse(matter),
                assume=parse_assume(assume),
                as_of=_date(as_of, "as-of") if as_of else None,
                action=action or "",
                host_position=host_position or "",
                mission=mission or "",
            )
        data: dict[str, Any] = dict(forecast.to_dict())
        data["pivotal"] = [p.to_dict() for p in pivotal_members(forecast.mixture, forecast.rule)]
        data["to_pass"] = [c.to_dict() for c in smallest_changes(forecast.members, forecast.rule)]
        if bloc:
            import numpy as np

            blocs = [_codes(b, "bloc") for b in bloc]
            simulated = forecast.mixture.simulate(
                forecast.rule,
                blocs=blocs,
                cohesion=cohesion,
                rng=np.random.default_rng(seed),
                samples=samples,
            )
            data["blocs"] = [list(b) for b in blocs]
            data["outcome_with_blocs"] = {**simulated.to_dict(), "seed": seed}
    if as_json:
        print_json(data)
    else:
        _print_forecast(data)


FIRST_YEAR, LAST_YEAR = 1946, 2100
"""Years a backtest can ask for: the Council's first year to a far future."""


def backtest_command(
    start: Annotated[int, typer.Option("--from", help="First year forecast.")],
    end: Annotated[int, typer.Option("--to", help="Last year forecast.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write the calibration chart (.png or .svg).")
    ] = None,
    mandate_ablation: Annotated[
        bool,
        typer.Option(
            "--mandate-ablation",
            help="Also fit the model without the mandate features and score both on "
            "mandate-related drafts (twice the training time).",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Rolling-origin backtest by year against the baselines (train before Y, forecast Y).

    Veto warnings are listed as a ranking by P(vetoed), with the recall and precision of a
    warning at each threshold.
    """
    from unsc.cli._params import in_range, output_path
    from unsc.forecast.backtest import METHODS, backtest, calibration_chart
    from unsc.forecast.features import agenda_key
    from unsc.record.db import connect

    with user_errors():
        in_range(start, "from", FIRST_YEAR, LAST_YEAR)
        in_range(end, "to", FIRST_YEAR, LAST_YEAR)
        if start > end:
            raise InputError(f"--from {start} is after --to {end}", field="from")
        if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
            raise InputError("the chart must be a .png or .svg file", field="chart")
        if chart is not None:
            output_path(chart, "chart")
        with closing(connect(db)) as conn:
            report = backtest(conn, start, end, mandate_ablation=mandate_ablation)
        if chart is not None:
            calibration_chart(report, chart)
    if as_json:
        sys.stdout.write(dumps(report.to_dict()) + "\n")
        return
    rows = []
    for method in METHODS:
        s = report.pooled[method]
        rows.append(
            {
                "method": method,
                "Brier": f"{s.brier:.4f}",
                "log loss": f"{s.log_loss:.4f}",
                "no R/P": f"{s.no_recall:.2f}/{s.no_precision:.2f}",
                "abstain R/P": f"{s.abstain_recall:.2f}/{s.abstain_precision:.2f}",
                "outcome Brier": f"{s.outcome_brier:.4f}",
                "accuracy": f"{s.outcome_accuracy:.3f}",
                "veto recall": f"{s.veto_recall:.2f}",
                "veto AUC": f"{s.veto_auc:.2f}",
                "warned at P>=0.25": f"{s.veto_warnings['0.25']['recall']:.2f}",
            }
        )
    model = report.pooled["model"]
    print_table(
        rows,
        title=f"Backtest {start}-{end}: {model.votes} member votes, {model.drafts} drafts, "
        f"{model.vetoes} vetoes",
    )
    if report.mandate:
        first = next(iter(report.mandate.values()))
        print_table(
            [
                {
                    "method": method,
                    "Brier": f"{s.brier:.4f}",
                    "log loss": f"{s.log_loss:.4f}",
                    "outcome Brier": f"{s.outcome_brier:.4f}",
                    "abstain R/P": f"{s.abstain_recall:.2f}/{s.abstain_precision:.2f}",
                }
                for method, s in report.mandate.items()
            ],
            title=f"Mandate-related drafts: {first.drafts} drafts, {first.votes} member votes",
        )
    print_table(
        [
            {
                "P(vetoed) >=": threshold,
                "warnings": int(w["warnings"]),
                "recall": f"{w['recall']:.2f}",
                "precision": f"{w['precision']:.2f}",
            }
            for threshold, w in model.veto_warnings.items()
        ],
        title="Veto warnings at each threshold (model)",
    )
    print_table(
        [
            {
                "rank": r["rank"],
                "P(vetoed)": f"{r['p_vetoed']:.2f}",
                "vetoed": "yes" if r["vetoed"] else "",
                "draft": r["symbol"] or r["draft_id"],
                "date": str(r["date"]),
                "agenda item": agenda_key(str(r["agenda"]))[:28],
                "recall": f"{r['recall']:.2f}",
                "precision": f"{r['precision']:.2f}",
            }
            for r in report.veto_ranking(limit=30)
        ],
        title="Veto warnings ranked by P(vetoed): the top 30",
    )


def make_forecast_app() -> typer.Typer:
    from unsc.cli.forecast_score import score_command

    app = typer.Typer(
        help="Forecast how the Council will vote on a draft; backtest the model.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    app.callback(invoke_without_command=True)(forecast_callback)
    app.command("backtest")(backtest_command)
    app.command("score")(score_command)
    return app


def register(app: typer.Typer) -> None:
    app.add_typer(make_forecast_app(), name="forecast")
