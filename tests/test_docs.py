"""Documentation stays complete: every command has help and docs/cli.md is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


@pytest.mark.parametrize("script", ["cli_reference.py", "api_reference.py", "presets_table.py"])
def test_generated_docs_are_current(script: str) -> None:
    # docs/cli.md, docs/api.md and the preset table of docs/rules.md are generated.
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_docs_exist_for_each_area() -> None:
    for name in ("rules.md", "cli.md", "architecture.md"):
        assert (ROOT / "docs" / name).exists(), name


def test_readme_python_example_prints_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.record.test_query_fixture import make_record

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(block.strip().splitlines()) == 5
    expected = [line.split("# ", 1)[1] for line in block.splitlines() if line.startswith("print(")]
    monkeypatch.setenv("UNSC_DB", str(make_record(tmp_path / "record.sqlite")))
    exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == expected
