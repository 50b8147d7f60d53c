"""Documentation stays complete: every command has help and docs/cli.md is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

from unsc.cli import build_app

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []

    def walk(command: object, path: str) -> None:
        found.append((path, command))
        children = getattr(command, "commands", None)
        if isinstance(children, dict):
            for name, child in children.items():
                walk(child, f"{path} {name}")

    walk(typer.main.get_command(build_app()), "unsc")
    return found


def test_every_command_has_help() -> None:
    missing = [path for path, command in _commands() if not getattr(command, "help", None)]
    assert missing == []


def test_cli_reference_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_docs_exist_for_each_area() -> None:
    for name in ("rules.md", "cli.md", "architecture.md"):
        assert (ROOT / "docs" / name).exists(), name


def test_presets_table_is_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "presets_table.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
