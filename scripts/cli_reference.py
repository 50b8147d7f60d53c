"""Write docs/cli.md from the commands' own --help text (run after changing a command).

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is stale
"""

from __future__ import annotations

from pathlib import Path

import click
import typer.main
from generated_doc import write_or_check

from unsc.cli import build_app

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    children = getattr(command, "commands", None)  # Typer's groups are not click.Group
    if isinstance(children, dict):
        for name in sorted(children):
            found += _walk(children[name], [*path, name])
    return found


def render() -> str:
    root = typer.main.get_command(build_app())
    parts = [
        "# Command-line reference\n",
        "Generated from each command's `--help` by `scripts/cli_reference.py`; a test fails when",
        "it is stale. Every command that prints data takes `--json`; see the README for a tour.\n",
    ]
    for path, command in _walk(root, ["unsc"]):
        ctx = click.Context(command, info_name=" ".join(path), terminal_width=100)
        parts.append(f"## `{' '.join(path)}`\n")
        parts.append("```")
        parts.append(command.get_help(ctx).rstrip())
        parts.append("```\n")
    parts.append(_limits())
    return "\n".join(parts)


def _limits() -> str:
    """The limits and guarantees of every command, from the values in unsc.cli._params."""
    from unsc.cli import _params
    from unsc.missions.due import MAX_WITHIN
    from unsc.record.search import MAX_LIMIT

    rows = [
        f"| {limit.what} | {limit.default:,} {limit.unit} | `{limit.env}` |"
        for limit in (
            _params.SAMPLES,
            _params.POWER_PLAYERS,
            _params.POWER_WORK,
            _params.BATCH_LINES,
            _params.LINE_BYTES,
            _params.FILE_BYTES,
        )
    ]
    return "\n".join(
        [
            "## Limits and guarantees\n",
            "Every error is one line on stderr, `error: ...`, naming the option (and the file",
            "and line for a bad file); the exit status is 2 for a bad argument or source, 1 for",
            "a file that cannot be read or written. Nothing a user types is read as Rich markup",
            '(`--agenda "[bold]x"` prints `[bold]x`). A failure that is a bug prints',
            f"`error: internal error (...)` and exits 70; `{_params.DEBUG_ENV}=1` shows the",
            "traceback.\n",
            "- Dates are strict ISO 8601 calendar dates `YYYY-MM-DD` in ASCII digits (no",
            "  `20230101`, no week dates, no year past 9999); `--since`/`--until` also take a",
            "  year from 1945 to 2200.",
            "- Numbers are range-checked: `--samples` at least 1, `--seed` from 0 to 2^63-1,",
            f"  `--cohesion` from 0 to 1, `--within` at most {MAX_WITHIN:,} days, `--limit` 1 to",
            f"  {MAX_LIMIT:,}, `forecast backtest` years 1946 to 2100, `--quota` at least 1;",
            "  NaN and infinities are refused; a resolution number past SQLite's integers is",
            "  simply not found.",
            "- Files (`--weights-file`, `--batch`) are read as UTF-8: another encoding, a NUL",
            "  byte or JSON nested too deeply is an error naming the file and line. `--db` must",
            "  be a record database; `record build` will not replace a file that is not one.",
            "- `forecast --batch` reads one line at a time and writes each forecast as soon as",
            "  its group of 256 lines is done: memory does not grow with the file.",
            "",
            "Size limits (each message names the limit and the variable that raises it):\n",
            "| limit | default | raise with |",
            "|---|---|---|",
            *rows,
            "",
            "The power limit counts players squared times the total weight (the steps of the",
            "generating-function methods); games whose players fall into few types are counted",
            "by type and are not limited by it.",
            "",
        ]
    )


def main() -> int:
    return write_or_check(DOC, render(), "cli_reference.py")


if __name__ == "__main__":
    raise SystemExit(main())
