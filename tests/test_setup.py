"""`make run` builds the record where the `unsc` command looks for it by default."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from unsc.record.db import default_db_path


def _dry_run(target: str, **env: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", "-s", target, f"BIN={Path(sys.executable).parent}"],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_builds_the_record_where_the_cli_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UNSC_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    plan = _dry_run("record", XDG_DATA_HOME=str(tmp_path))
    assert f'db="{default_db_path()}"' in plan
    assert str(default_db_path()).startswith(str(tmp_path))


def test_make_honours_unsc_db(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "record.sqlite"
    assert f'db="{target}"' in _dry_run("record", UNSC_DB=str(target))


def test_make_run_reads_the_default_database() -> None:
    plan = _dry_run("run")
    assert "unsc case minusma\n" in plan and "unsc serve\n" in plan
    assert "var/record.sqlite" not in plan
