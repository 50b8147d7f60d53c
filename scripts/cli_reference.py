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
    return "\n".join(parts)


def main() -> int:
    return write_or_check(DOC, render(), "cli_reference.py")


if __name__ == "__main__":
    raise SystemExit(main())
