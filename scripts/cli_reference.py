"""Write docs/cli.md from the commands' own --help text (run after changing a command).

python scripts/cli_reference.py          # rewrite docs/cli.md
python scripts/cli_reference.py --check  # exit 1 if docs/cli.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import typer.main

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
    text = render()
    if "--check" in sys.argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/cli.md is stale: run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
