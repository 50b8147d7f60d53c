"""Damaged copies of the real source files, for the tests of a build that refuses them.

A test source directory holds links to the real files of ``$UNSC_SOURCE`` except the one being
damaged, which is a copy with the damage applied.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from pathlib import Path

from unsc.record.build import _read, _read_page
from unsc.record.readers import (
    draft_votes,
    lists,
    manual_failed,
    veto_lists,
    wide_votes,
)
from unsc.record.reconcile import LAST_DAY

PAGE_1971 = "un_library_pages/scact1971_table_en.html"
VETO_PAGE = veto_lists.LIBRARY_FILE.as_posix()
DRAFT_VOTES = (draft_votes.DIRECTORY / draft_votes.CSV_GZ).as_posix()
WIDE = wide_votes.RELATIVE.as_posix()
LINKS = lists.LINKS_FILE.as_posix()
STATES = lists.STATES_FILE.as_posix()
ELECTED = lists.ELECTED_FILE.as_posix()
WPDL = veto_lists.WPDL_FILE.as_posix()
MANUAL = manual_failed.FILE.as_posix()

READERS: dict[str, Callable[[Path], list[object]]] = {
    WIDE: lambda p: list(wide_votes.read(p, until=LAST_DAY)),
    DRAFT_VOTES: lambda p: list(draft_votes.read(p, until=LAST_DAY)),
    VETO_PAGE: lambda p: list(veto_lists.read_library(p)),
    WPDL: lambda p: list(veto_lists.read_wpdl(p)),
    LINKS: lambda p: list(lists.read_links(p)),
    STATES: lambda p: list(lists.read_states(p)),
    ELECTED: lambda p: list(lists.read_elected(p)),
    MANUAL: lambda p: list(manual_failed.read(p)),
}
TEXT_FILES = (PAGE_1971, VETO_PAGE, LINKS, STATES, ELECTED, WPDL)
COMPRESSED = {DRAFT_VOTES: "gz", WIDE: "zip", MANUAL: "xlsx"}


def linked_source(real: Path, root: Path) -> Path:
    """A source directory of links to the files of ``real``."""
    source = root / "source"
    for item in real.iterdir():
        if item.is_dir():
            (source / item.name).mkdir(parents=True)
            for f in item.iterdir():
                (source / item.name / f.name).symlink_to(f)
    return source


def replace(source: Path, relative: str, data: bytes) -> Path:
    """Put ``data`` in place of the link at ``relative``."""
    path = source / relative
    path.unlink()
    path.write_bytes(data)
    return path


def read_checked(source: Path, relative: str) -> list[object]:
    """Read one file as the build does: its reader, then the source manifest's checks."""
    path = source / relative
    if relative.startswith("un_library_pages/scact") and relative != VETO_PAGE:
        content = _read_page(source, path)
        return [*content.meetings, *content.actions]
    return _read(source, path, READERS[relative])


def text_of(real: Path, relative: str) -> bytes:
    """The uncompressed bytes of a source file (a gzip is opened, others as they are)."""
    data = (real / relative).read_bytes()
    return gzip.decompress(data) if relative.endswith(".gz") else data


def double_cells(page: bytes) -> bytes:
    """Every table cell of a page written twice (``<td>x</td><td>x</td>``)."""
    return re.sub(rb"(<td\b.*?</td>)", rb"\1\1", page, flags=re.DOTALL | re.IGNORECASE)


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)
