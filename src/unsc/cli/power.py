"""``unsc power``: voting-power indices of a Council configuration or any weighted body."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from unsc.cli._output import console, print_json, print_table, user_errors
from unsc.errors import InputError
from unsc.power.names import INDICES, METHODS

if TYPE_CHECKING:  # numpy and Numba load only when a command computes power
    from unsc.power.games import Game


def parse_weights(text: str, field: str = "weights") -> list[int]:
    """Comma-separated whole numbers; names the position of a bad one."""
    weights: list[int] = []
    for position, part in enumerate(text.split(","), start=1):
        part = part.strip()
        if not part:
            continue
        try:
            if not part.lstrip("+-").isascii():
                raise ValueError(part)
            weights.append(int(part))
        except ValueError:
            raise InputError(
                f"--{field}: item {position} ({part!r}) is not a whole number", field=field
            ) from None
    if not weights:
        raise InputError(f"--{field}: no weights given", field=field)
    return weights


def read_weights_file(path: Path) -> tuple[list[str] | None, list[int]]:
    """One player a line: ``weight`` or ``name,weight`` (blank lines and ``#`` comments skipped)."""
    from unsc.cli._params import read_input_text

    text = read_input_text(path, "weights-file")
    names: list[str] = []
    weights: list[int] = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(",")]
        if len(parts) > 2:
            raise InputError(
                f"{path}, line {line_no}: expected 'weight' or 'name,weight'", field="weights_file"
            )
        try:
            weights.append(int(parts[-1]))
        except ValueError:
            raise InputError(
                f"{path}, line {line_no}: weight {parts[-1]!r} is not a whole number",
                field="weights_file",
            ) from None
        names.append(parts[0] if len(parts) == 2 else f"P{len(weights)}")
    if not weights:
        raise InputError(f"{path}: no weights", field="weights_file")
    has_names = any("," in line.split("#", 1)[0] for line in text.splitlines())
    return (names if has_names else None), weights


def _game(
    council: str | None, weights: str | None, weights_file: Path | None, quota: int | None
) -> Game:
    from unsc.power.bodies import body
    from unsc.power.games import weighted_game

    given = [x for x in (council, weights, weights_file) if x is not None]
    if len(given) != 1:
        raise InputError(
            "give exactly one of --council, --weights or --weights-file", field="council"
        )
    if council is not None:
        if quota is not None:
            raise InputError("--quota goes with --weights or --weights-file", field="quota")
        return body(council)
    if quota is None:
        raise InputError("--quota is required with --weights or --weights-file", field="quota")
    if weights is not None:
        values = parse_weights(weights)
        _check_players(values, quota)
        return _checked_work(weighted_game(values, quota))
    assert weights_file is not None
    names, values = read_weights_file(weights_file)
    _check_players(values, quota)
    return _checked_work(weighted_game(values, quota, players=names, name=weights_file.name))


def _check_players(weights: list[int], quota: int) -> None:
    """Refuse a game with too many players (see docs/cli.md, limits)."""
    from unsc.cli._params import POWER_PLAYERS, in_range

    in_range(quota, "quota", 1)
    if any(w < 0 for w in weights):
        raise InputError("--weights: a weight cannot be negative", field="weights")
    POWER_PLAYERS.check(len(weights), "weights")


def _checked_work(game: Game) -> Game:
    """Refuse a game whose indices take too long: players squared times the total weight,
    unless its players fall into few types (then coalitions are counted by type)."""
    from unsc.cli._params import POWER_WORK
    from unsc.power.counting import AUTO_PROFILES

    if game.profile_count() > AUTO_PROFILES:
        total = max(sum(sum(rule.weights) for rule in game.rules), 1)
        POWER_WORK.check(game.n**2 * total, "weights")
    return game


def power_command(
    council: Annotated[
        str | None,
        typer.Option(help="A Council preset (see `unsc presets`), or eu27, us-electoral-college."),
    ] = None,
    weights: Annotated[
        str | None, typer.Option(help="Weights of a weighted game, e.g. 7,7,7,7,7,1,1,1.")
    ] = None,
    weights_file: Annotated[
        Path | None,
        typer.Option("--weights-file", help="File with one 'weight' or 'name,weight' a line."),
    ] = None,
    quota: Annotated[int | None, typer.Option(help="Quota of the weighted game.")] = None,
    index: Annotated[str, typer.Option(help=" | ".join(INDICES))] = "shapley-shubik",
    exact: Annotated[bool, typer.Option(help="Exact fractions instead of floats.")] = False,
    method: Annotated[str, typer.Option(help=" | ".join(METHODS))] = "auto",
    compare_: Annotated[
        str | None,
        typer.Option("--compare", help="Compare Council presets, e.g. council-1966,g4-2005."),
    ] = None,
    chart: Annotated[
        Path | None, typer.Option(help="With --compare: write a chart (.png or .svg).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Voting power of each member: Shapley-Shubik, Banzhaf, Coleman, Johnston, Deegan-Packel,
    Holler."""
    from unsc.power.indices import parse_index, power_index

    with user_errors():
        name = parse_index(index)
        if compare_ is not None:
            if any(x is not None for x in (council, weights, weights_file, quota)):
                raise InputError(
                    "--compare takes presets itself; drop --council/--weights", field="compare"
                )
            from unsc.power.compare import compare, comparison_rows

            presets = [p.strip() for p in compare_.split(",") if p.strip()]
            if chart is not None:
                from unsc.cli._params import output_path

                output_path(chart, "chart")
            comparisons = compare(presets, name)
            if chart is not None:
                from unsc.power.chart import write_chart  # matplotlib, only for a chart

                write_chart(comparisons, chart)
            if as_json:
                print_json([c.to_dict() for c in comparisons])
                return
            print_table(comparison_rows(comparisons), title=f"{name}: power by kind of seat")
            if chart is not None:
                console().print(f"chart written to {chart}")
            return
        if chart is not None:
            raise InputError("--chart goes with --compare", field="chart")
        game = _game(council, weights, weights_file, quota)
        result = power_index(game, name, method=method, exact=exact)
        if as_json:
            print_json(result.rows())
            return
        rows = [
            {
                "player": r["player"],
                "value": r["value"] if exact else f"{float(r['value']):.6f}",
            }
            for r in result.rows()
        ]
        print_table(rows, title=f"{name} - {game.name} ({result.method})")
        if name == "coleman-act":
            console().print("power to act is the same for every member: it belongs to the body")


def register(app: typer.Typer) -> None:
    app.command("power")(power_command)
