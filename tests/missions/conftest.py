"""Fixtures of the missions tests: an open record connection built by ``record_db``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from unsc.record.db import connect


@pytest.fixture(scope="module")
def record(record_db: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(record_db)
    yield conn
    conn.close()
