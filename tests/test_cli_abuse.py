"""Every command of ``unsc`` under bad arguments (Hypothesis): a non-zero exit, one line on
stderr, no traceback.

The command tree is walked (:func:`commands`), so a new command or option is covered without
a change here. Each example takes a command's good invocation (:data:`GOOD`, or nothing) and
gives one of its parameters a bad value for its kind: numbers out of range or not numbers,
dates that are not strict ISO (years past 9999, other digits), files that are binary, latin-1,
deeply nested JSON, a directory or missing; structured text (codes, lists) that cannot be
read. Free text (:data:`FREE_TEXT`) has no bad value: it is driven for crashes only, with
Rich markup among the values. Commands that need the record use the built test database.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from unsc.cli import build_app

FREE_TEXT = {"agenda", "topic", "text", "host", "title"}
DATE_PARAMS = {"date_", "on", "as_of"}
YEAR_OR_DATE = {"since", "until"}
OUTPUT_PATHS = {"out", "chart", "dest"}
# commands that reach the network or serve forever: only their numbers are driven
NUMBERS_ONLY = {("serve",), ("record", "fetch")}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int, float, bool, path, str, list
    is_argument: bool
    flag: str


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    params: tuple[Param, ...]


def _kind(param: Any) -> str:
    annotation = getattr(param, "type_descriptor", None)
    text = str(getattr(annotation, "annotation", annotation))
    for kind in ("bool", "int", "float", "Path", "list"):
        if kind in text:
            return {"Path": "path"}.get(kind, kind)
    return "str"


def commands() -> Iterator[Command]:
    """Every command and every group with options of its own, from the Typer tree."""
    root = get_command(build_app())

    def walk(node: Any, path: tuple[str, ...]) -> Iterator[Command]:
        params = tuple(
            Param(
                p.name,
                _kind(p),
                p.param_type_name == "argument",
                p.name if p.param_type_name == "argument" else p.opts[0],
            )
            for p in node.params
            if p.name != "help"
        )
        subs = getattr(node, "commands", None)
        if subs is None or params:
            yield Command(path, params)
        for name, sub in (subs or {}).items():
            yield from walk(sub, (*path, name))

    yield from walk(root, ())


COMMANDS = [c for c in commands() if c.path]


def test_the_tree_is_walked() -> None:
    paths = {c.path for c in COMMANDS}
    assert {("resolution",), ("power",), ("forecast",), ("record", "check")} <= paths


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, record_db: Path) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("abuse")
    out = {
        "binary": root / "binary.bin",
        "latin1": root / "latin1.txt",
        "nested": root / "nested.jsonl",
        "directory": root / "dir",
        "missing": root / "missing" / "none.txt",
        "db": root / "record.sqlite",
    }
    out["binary"].write_bytes(bytes(range(256)) * 16)
    out["latin1"].write_bytes(b'{"date": "2023-06-30", "agenda": "Mali \xe9"}\nA,3\n')
    out["nested"].write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    out["directory"].mkdir()
    shutil.copyfile(record_db, out["db"])
    return out


def _good(path: tuple[str, ...], tmp: Path, source: Path) -> list[str]:
    """A good invocation of each command (before the bad value is added).

    Commands whose good run takes long (training a forecast model, the agreement tables of
    ``votes``) have none: the bad value alone is given, so the run stays short.
    """
    table: dict[tuple[str, ...], list[str]] = {
        ("decide",): ["--date", "2023-08-30", "--no", "RUS"],
        ("council",): ["--date", "1971-11-01"],
        ("resolution",): ["2640"],
        ("draft",): ["S/2023/638"],
        ("vetoes",): ["--member", "RUS"],
        ("stats",): ["--since", "2010"],
        ("search",): ["Mali"],
        ("mission",): ["MINUSMA"],
        ("power",): ["--council", "council-1966"],
        ("record", "build"): ["--source", str(source), "--quiet"],
        ("record", "fetch"): [
            "--dest",
            str(tmp / "fetched"),
            "--base-url",
            "http://127.0.0.1:8399",
        ],
        ("mandates", "due"): ["--on", "2023-06-01"],
        ("case", "minusma"): ["--no-forecast", "--out", str(tmp / "case.html")],
    }
    return list(table.get(path, []))


BAD_INTS = ["99999999999999999999", "-1", "-99999999999999999999", "x", "1.5", "²", "1e3"]
BAD_FLOATS = ["nan", "inf", "-inf", "-1", "1e999", "x", "2"]
BAD_DATES = ["10000-01-01", "2023-02-30", "20230101", "2023-W01-1", "٢٠٢٣-٠١-٠١", "0000-00-00"]
BAD_YEARS = ["10000", "99999999999999999999", "2023-13-01", "1066", "x"]
BAD_STRUCTURED = ["[bold]x", "ZZZ=", "9:RUS=no", "%00", "²", ",,,", "nope"]
FREE = ["[bold]x[/]", "[link=file:///etc/passwd]x", "", "x" * 5000, "\u202e", "%s%n"]


def _bad_value(
    command: tuple[str, ...], param: Param, files: dict[str, Path], draw: st.DrawFn
) -> tuple[str, bool]:
    """A value for ``param`` and whether it must be refused."""
    name = param.name
    if param.kind == "int":
        return draw(st.sampled_from(BAD_INTS)), True
    if param.kind == "float":
        return draw(st.sampled_from(BAD_FLOATS)), True
    if param.kind == "path":
        if (command, name) == (("record", "build"), "db"):  # a new file is fine; others not
            return str(files[draw(st.sampled_from(["binary", "latin1", "directory"]))]), True
        if name in OUTPUT_PATHS:
            which = draw(st.sampled_from(["directory", "missing"]))
            target = files[which] if which == "directory" else files["missing"].parent / "x.svg"
            return str(target), True
        which = draw(st.sampled_from(["binary", "latin1", "nested", "directory", "missing"]))
        return str(files[which]), True
    if name in DATE_PARAMS:
        return draw(st.sampled_from(BAD_DATES)), True
    if name in YEAR_OR_DATE:
        return draw(st.sampled_from(BAD_YEARS)), True
    if name in FREE_TEXT:
        return draw(st.sampled_from(FREE)), False
    return draw(st.sampled_from(BAD_STRUCTURED)), True


@st.composite
def invocations(draw: st.DrawFn, files: dict[str, Path], source: Path) -> tuple[list[str], bool]:
    command = draw(st.sampled_from(COMMANDS))
    candidates = [p for p in command.params if p.kind != "bool"]
    if command.path in NUMBERS_ONLY:
        candidates = [p for p in candidates if p.kind in ("int", "float")]
    args = _good(command.path, files["directory"].parent, source)
    if not candidates:
        return [*command.path, "--no-such-option"], True
    param = draw(st.sampled_from(candidates))
    value, must_fail = _bad_value(command.path, param, files, draw)
    if param.is_argument:
        if args and not args[0].startswith("-"):
            args = args[1:]
        return [*command.path, value, *args], must_fail
    if param.flag in args:  # drop the good value of this option
        at = args.index(param.flag)
        has_value = at + 1 < len(args) and not args[at + 1].startswith("-")
        del args[at : at + 2 if has_value else at + 1]
    return [*command.path, *args, param.flag, value], must_fail


runner = CliRunner()


def run(args: list[str], db: Path) -> tuple[int, str, str]:
    env = {"UNSC_DB": str(db), "COLUMNS": "100"}
    result = runner.invoke(build_app(), args, env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_command_refuses_bad_arguments(files: dict[str, Path], source_dir: Path) -> None:
    @settings(
        max_examples=int(os.environ.get("UNSC_ABUSE_EXAMPLES", "100")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(invocations(files, source_dir))
    def check(case: tuple[list[str], bool]) -> None:
        args, must_fail = case
        code, out, err = run(args, files["db"])
        assert "Traceback" not in out + err, args
        assert "internal error" not in err, (args, err)
        if must_fail:
            assert code != 0, (args, out[:300])
        if code != 0:
            lines = [x for x in err.strip().splitlines() if not x.startswith("note: ")]
            assert len(lines) == 1 and lines[0].startswith("error: "), (args, err)

    check()
