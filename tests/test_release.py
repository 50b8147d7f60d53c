"""The released package works outside the repository: build the wheel, install it in a fresh
environment in a temporary directory, and run ``unsc`` from there.

The fresh environment gets the wheel itself with ``pip install --no-deps``; its dependencies
are the ones of the running environment, made visible by a ``.pth`` path line (which adds the
directory without running its editable-install hooks, so ``unsc`` can only come from the
wheel). ``pip check`` then confirms that the wheel's declared dependencies are all satisfied.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run(argv: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("UNSC_DB", "PYTHONPATH")}
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(argv)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh environment's bin directory, a working directory outside the repository)."""
    root = tmp_path_factory.mktemp("release")
    assert REPO not in root.parents
    checkout = root / "checkout"
    checkout.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, checkout / name)
    shutil.copytree(
        REPO / "src", checkout / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    wheels = root / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), "."],
        cwd=checkout,
    )
    (wheel,) = wheels.glob("unsc-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for data in ("presets.toml", "cases.toml", "membership.csv", "states.csv"):
        assert f"unsc/data/{data}" in names, data
    assert any(n.endswith("licenses/LICENSE") for n in names)

    env_dir = root / "env"
    _run([sys.executable, "-m", "venv", str(env_dir)], cwd=root)
    bin_dir = env_dir / "bin"
    _run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], root
    )
    site = Path(
        _run(
            [
                str(bin_dir / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            root,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    work = root / "work"
    work.mkdir()
    return bin_dir, work


def test_the_wheel_installs_outside_the_repository(installed: tuple[Path, Path]) -> None:
    bin_dir, work = installed
    where = _run([str(bin_dir / "python"), "-c", "import unsc; print(unsc.__file__)"], work)
    assert Path(where.stdout.strip()).is_relative_to(bin_dir.parent)
    _run([str(bin_dir / "python"), "-m", "pip", "check"], work)


def test_unsc_decide_from_the_wheel(installed: tuple[Path, Path]) -> None:
    bin_dir, work = installed
    done = _run(
        [
            str(bin_dir / "unsc"),
            "decide",
            "--date",
            "2023-08-30",
            "--no",
            "RUS",
            "--abstain",
            "CHN",
            "--json",
        ],
        work,
    )
    data = json.loads(done.stdout)
    assert data["outcome"] == "vetoed" and data["vetoed_by"] == ["RUS"]
    demo = _run([str(bin_dir / "unsc"), "demo", "--json"], work)
    assert all(case["disagreements"] == [] for case in json.loads(demo.stdout))


def test_unsc_record_build_from_the_wheel(installed: tuple[Path, Path]) -> None:
    source = os.environ.get("UNSC_SOURCE")
    if not source:
        pytest.skip(
            "UNSC_SOURCE is not set: it names the source directory to build the record from"
        )
    bin_dir, work = installed
    db = work / "record.sqlite"
    _run(
        [str(bin_dir / "unsc"), "record", "build", "--source", source, "--db", str(db), "--quiet"],
        work,
    )
    done = _run([str(bin_dir / "unsc"), "resolution", "2640", "--db", str(db), "--json"], work)
    data = json.loads(done.stdout)
    assert (data["yes"], data["no"], data["abstain"]) == (13, 0, 2)
