"""Build the record database from a source directory, atomically.

Every source is read (a bad file stops the build with a :class:`RecordError` naming the file,
line and field), reconciled (:mod:`unsc.record.reconcile`), written into a new file next to the
target, checked, and only then moved over the old database with :func:`os.replace`, so a failed
build leaves the previous database byte for byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from unsc.errors import RecordError
from unsc.record import curated, invariants, manifest, reference
from unsc.record.curated import Fixes
from unsc.record.discrepancies import DiscrepancyKind
from unsc.record.readers import (
    draft_votes,
    library_pages,
    lists,
    manual_failed,
    undl_csv,
    veto_lists,
    wide_votes,
)
from unsc.record.reconcile import LAST_DAY, Reconciled, Report, Sources, reconcile
from unsc.record.replace import (
    check_database,
    refuse_foreign_target,
    refuse_shrink,
    remove_stale_temps,
    terminate_as_exit,
    write_database,
)
from unsc.record.sources import SOURCES
from unsc.record.vote_refs import vote_refs

SOURCE_ENV = "UNSC_SOURCE"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build produced: counts, time taken and the discrepancy summary."""

    db: Path
    source: Path
    seconds: float
    resolutions: int
    drafts: dict[str, int]
    votes: int
    vetoes: int
    meetings: int
    discrepancies: dict[str, int] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": str(self.db),
            "source": str(self.source),
            "seconds": round(self.seconds, 2),
            "resolutions": self.resolutions,
            "drafts": self.drafts,
            "votes": self.votes,
            "vetoes": self.vetoes,
            "meetings": self.meetings,
            "discrepancies": self.discrepancies,
            "files": list(self.files),
        }


def default_source_dir(explicit: Path | str | None = None) -> Path:
    """``explicit``, else ``$UNSC_SOURCE``, else ``../shared/data`` beside a source checkout,
    else the platform data directory's ``sources`` (where ``unsc record fetch`` puts files)."""
    if explicit is not None and str(explicit):
        return Path(explicit).expanduser()
    env = os.environ.get(SOURCE_ENV)
    if env:
        return Path(env).expanduser()
    checkout = Path(__file__).resolve().parents[3]
    beside = checkout.parent / "shared" / "data"
    if (checkout / "pyproject.toml").is_file() and beside.is_dir():
        return beside
    return Path(platformdirs.user_data_dir("unsc")) / "sources"


class _Steps:
    """A Rich progress bar over the build's steps, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self._progress: Any = None
        self._task: Any = None
        self._total = 0
        if enabled:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                TextColumn("{task.description:<44}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
            )
            self._task = self._progress.add_task("reading", total=0)

    @contextmanager
    def running(self) -> Iterator[_Steps]:
        if self._progress is None:
            yield self
            return
        with self._progress:
            yield self

    def add(self, count: int) -> None:
        self._total += count
        if self._progress is not None:
            self._progress.update(self._task, total=self._total)

    def step(self, label: str, work: Callable[[], T]) -> T:
        if self._progress is not None:
            self._progress.update(self._task, description=label)
        result = work()
        if self._progress is not None:
            self._progress.advance(self._task)
        return result

    def finish(self, label: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, description=label)


def read_sources(source: Path, *, steps: _Steps | None = None) -> tuple[Sources, Report, list[str]]:
    """Read every source file found in ``source``; the required ones must be there."""
    steps = steps or _Steps(False)
    if not source.is_dir():
        raise RecordError("the source directory does not exist", file=str(source))
    sources, report, files = Sources(), Report(), []
    pages = library_pages.find(source)
    undl_files = undl_csv.find(source)
    draft_file = draft_votes.find(source)
    wide_file = source / wide_votes.RELATIVE
    required = {"wide vote table": wide_file, "draft votes": draft_file}
    for label, path in required.items():
        if path is None or not path.is_file():
            raise RecordError(f"the {label} file is missing", file=str(path or source))
    if not pages:
        raise RecordError(
            "no meetings tables (scactYYYY_table_en.html)",
            file=str(source / library_pages.DIRECTORY),
        )
    absent = manifest.missing_required(source)
    if absent:
        raise RecordError(
            f"{len(absent)} file(s) of the source manifest are missing, e.g. {absent[0]}",
            file=str(source),
        )
    optional: list[tuple[str, Path, Callable[[Path], Any]]] = [
        ("veto list (UN Library)", veto_lists.LIBRARY_FILE, veto_lists.read_library),
        ("veto list (WPDL)", veto_lists.WPDL_FILE, veto_lists.read_wpdl),
        ("draft-resolution links", lists.LINKS_FILE, lists.read_links),
        ("hand-typed failed drafts", manual_failed.FILE, manual_failed.read),
        ("elected members", lists.ELECTED_FILE, lists.read_elected),
        ("member states and groups", lists.STATES_FILE, lists.read_states),
    ]
    # one step per file, the wide table, the draft votes, and two comparisons
    steps.add(len(pages) + len(undl_files) + len(optional) + 4)
    for path in undl_files:
        sources.undl += steps.step(
            f"voting data {path.name}",
            partial(_read, source, path, lambda p: list(undl_csv.read(p, until=LAST_DAY))),
        )
        files.append(str(path))
    sources.wide = steps.step(
        "wide vote table 1946-2021",
        partial(_read, source, wide_file, lambda p: list(wide_votes.read(p, until=LAST_DAY))),
    )
    assert draft_file is not None
    sources.draft_votes = steps.step(
        f"draft votes 1994-2023 ({draft_file.suffix.lstrip('.')})",
        partial(_read, source, draft_file, lambda p: list(draft_votes.read(p, until=LAST_DAY))),
    )
    files += [str(wide_file), str(draft_file)]
    for path in pages:
        content = steps.step(f"meetings {path.name}", partial(_read_page, source, path))
        sources.meetings += content.meetings
        sources.library += content.actions
        files.append(str(path))
    loaded: dict[str, list[Any]] = {}
    for label, rel, reader in optional:
        path = source / rel
        if path.is_file():
            loaded[label] = steps.step(label, partial(_read, source, path, _lister(reader)))
            files.append(str(path))
        else:
            loaded[label] = steps.step(f"{label}: missing", list)
            report.add(
                DiscrepancyKind.SOURCE_MISSING,
                subject=str(rel),
                field="file",
                note="not found; skipped",
            )
    sources.veto_list = loaded["veto list (UN Library)"]
    sources.wpdl = loaded["veto list (WPDL)"]
    sources.links = loaded["draft-resolution links"]
    sources.manual = loaded["hand-typed failed drafts"]
    sources.fixes = Fixes.of(curated.corrections())
    sources.questions = curated.questions()
    sources.unlisted = curated.unlisted_vetoes()
    sources.vote_refs = vote_refs()
    steps.step(
        "comparing membership lists",
        lambda: reference.compare_elected(loaded["elected members"], report),
    )
    steps.step(
        "comparing member states",
        lambda: reference.compare_states(loaded["member states and groups"], report),
    )
    return sources, report, files


def build_record(
    source: Path, db: Path, *, progress: bool = False, allow_shrink: bool = False
) -> BuildReport:
    """Build the database at ``db`` from the files in ``source`` (atomic replace).

    A build that would hold fewer resolutions, drafts, member votes or meetings than the
    database it replaces stops with a :class:`RecordError` unless ``allow_shrink``.
    Temporary files of earlier builds that were killed are removed first.
    """
    started = time.perf_counter()
    source, db = Path(source), Path(db)
    refuse_foreign_target(db)
    remove_stale_temps(db)
    steps = _Steps(progress)
    with steps.running(), terminate_as_exit():
        sources, report, files = read_sources(source, steps=steps)
        steps.add(2)
        result = steps.step("reconciling the sources", partial(reconcile, sources))
        invariants.check(result.entries, curated.exceptions())
        discrepancies = [*report.items, *result.discrepancies]
        counts = steps.step(
            "writing and checking the database",
            partial(_write_new, db, result, discrepancies, allow_shrink=allow_shrink),
        )
        steps.finish(f"built {db.name}")
    return BuildReport(
        db=db,
        source=source,
        seconds=time.perf_counter() - started,
        discrepancies=dict(sorted(Counter(d.kind for d in discrepancies).items())),
        files=tuple(files),
        **counts,
    )


def _write_new(
    db: Path, result: Reconciled, discrepancies: list[Any], *, allow_shrink: bool = False
) -> dict[str, Any]:
    """Write a new database beside ``db``, check it, fsync it, then move it over ``db``."""

    def checked(conn: sqlite3.Connection, path: Path) -> dict[str, Any]:
        _check(conn, path)
        return _counts(conn)

    return write_database(
        db,
        partial(_write, result=result, discrepancies=discrepancies),
        check=checked,
        before_replace=None if allow_shrink else partial(refuse_shrink, db),
    )


def _write(conn: sqlite3.Connection, result: Reconciled, discrepancies: list[Any]) -> None:
    conn.executemany(
        "INSERT INTO sources VALUES (?, ?, ?, ?, ?)",
        [(s.source_id, s.title, s.file, s.url, s.licence) for s in SOURCES],
    )
    reference.write_reference(conn)
    conn.executemany(
        "INSERT INTO meetings VALUES (?, ?, ?, ?, ?, ?)",
        [
            (m.meeting_record, m.number, _iso(m.date), m.topic, m.press_release, m.where.source_id)
            for m in result.meetings
        ],
    )
    drafts, resolutions, votes, vetoes = [], [], [], []
    for e in result.entries:
        d = e.draft
        t = d.tally
        not_voting = absent = None
        if d.votes:
            not_voting = sum(v == "not_voting" for v in d.votes.values())
            absent = sum(v == "absent" for v in d.votes.values())
        drafts.append(
            (
                e.draft_id,
                d.symbol,
                d.date.isoformat(),
                d.meeting_record,
                d.agenda,
                d.title,
                d.subjects,
                d.sponsors,
                d.matter.value,
                d.outcome.value,
                d.resolution_number,
                t.yes if t else None,
                t.no if t else None,
                t.abstain if t else None,
                not_voting,
                absent,
                int(d.adopted_without_vote),
                e.source_id,
                d.vote_line.value,
                d.kind.value,
                d.amends,
                e.matter_source,
                int(e.counted),
                int(e.listed),
                e.ref,
                int(e.votes_derived),
            )
        )
        if d.resolution_number is not None:
            resolutions.append(
                (
                    d.resolution_number,
                    f"S/RES/{d.resolution_number} ({d.date.year})",
                    d.date.isoformat(),
                    d.title or d.agenda,
                    e.draft_id,
                    d.meeting_record,
                    e.resolution_source,
                )
            )
        votes += [(e.draft_id, code, vote.value, e.votes_source) for code, vote in d.votes.items()]
        vetoes += [(e.draft_id, code, e.vetoes_source) for code in dict.fromkeys(d.vetoed_by)]
    conn.executemany(f"INSERT INTO drafts VALUES ({', '.join('?' * 26)})", drafts)
    conn.executemany("INSERT INTO resolutions VALUES (?, ?, ?, ?, ?, ?, ?)", resolutions)
    conn.executemany("INSERT INTO votes VALUES (?, ?, ?, ?)", votes)
    conn.executemany("INSERT INTO vetoes VALUES (?, ?, ?)", vetoes)
    conn.executemany(
        "INSERT INTO discrepancies (kind, subject, field, chosen, rejected, sources, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (d.kind, d.subject, d.field, d.chosen, d.rejected, d.sources, d.note)
            for d in discrepancies
        ],
    )


def _lister(reader: Callable[[Path], Iterable[T]]) -> Callable[[Path], list[T]]:
    return lambda path: list(reader(path))


def _read(source: Path, path: Path, reader: Callable[[Path], list[T]]) -> list[T]:
    """Read one file with its reader, checked against the source manifest before and after."""
    items = reader(path)  # the reader's own errors name the line and field first
    manifest.check_file(source, path)
    manifest.check_records(source, path, len(items), years_of(items))
    return items


def _read_page(source: Path, path: Path) -> library_pages.PageContent:
    content = library_pages.read(path)
    manifest.check_file(source, path)
    items = [*content.meetings, *content.actions]
    manifest.check_records(source, path, len(items), years_of(items))
    return content


def years_of(items: Iterable[object]) -> set[int]:
    """The years of a reader's records (a ``date``, else a ``year``; none for plain lists)."""
    years: set[int] = set()
    for item in items:
        when = getattr(item, "date", None)
        year = when.year if isinstance(when, date) else getattr(item, "year", None)
        if isinstance(year, int):
            years.add(year)
    return years


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _check(conn: sqlite3.Connection, path: Path) -> None:
    """The checks a new record must pass before it replaces the old one."""
    check_database(conn, path)
    name = path.name
    numbers = [r[0] for r in conn.execute("SELECT number FROM resolutions ORDER BY number")]
    if not numbers:
        raise RecordError("no resolutions were read", file=name, field="resolutions")
    gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
    if gaps:
        raise RecordError(
            f"resolutions missing from every source: {gaps[:10]}", file=name, field="resolutions"
        )
    late = conn.execute(
        "SELECT count(*) FROM drafts WHERE date > ?", (LAST_DAY.isoformat(),)
    ).fetchone()[0]
    if late:
        raise RecordError(f"{late} drafts dated after {LAST_DAY}", file=name, field="date")


def _counts(conn: sqlite3.Connection) -> dict[str, Any]:
    def one(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0])

    return {
        "resolutions": one("SELECT count(*) FROM resolutions"),
        "drafts": dict(conn.execute("SELECT outcome, count(*) FROM drafts GROUP BY outcome")),
        "votes": one("SELECT count(*) FROM votes"),
        "vetoes": one("SELECT count(*) FROM vetoes"),
        "meetings": one("SELECT count(*) FROM meetings"),
    }
