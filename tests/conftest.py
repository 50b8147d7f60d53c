"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """The source data directory: ``$UNSC_SOURCE`` or ``../shared/data`` beside the checkout."""
    env = os.environ.get("UNSC_SOURCE")
    return Path(env) if env else REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def source_dir() -> Path:
    path = shared_data()
    if not path.is_dir():
        pytest.skip(f"no source data at {path}")
    return path


@pytest.fixture(scope="session")
def record_db(source_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record database built once from the real sources (about 10 s)."""
    from unsc.record.build import build_record

    db = tmp_path_factory.mktemp("record") / "record.sqlite"
    build_record(source_dir, db)
    return db
