"""What each source file must hold before a build may use it: the source manifest.

``unsc/data/source_manifest.toml`` lists, for every file the build reads, its format, its
encoding, the columns its header must have, the least number of data rows and records it
must give, the years its records must cover and how many exact duplicate rows it is known to
carry. It holds counts, never data; ``scripts/source_manifest.py`` writes it from a source
directory known to be whole.

Two checks use it. :func:`check_file` looks at a file before its reader does: strict decoding
(a latin-1 byte or binary content is refused with its line), a damaged or truncated container
(zip, gzip, workbook), the end of the file (a text file that lost its last line break, a page
that stops before its closing tag), the header, the number of rows and the duplicated rows.
:func:`check_records` looks at what the reader gave: enough records, every expected year.
Each failure is a :class:`RecordError` naming the file, and the line where there is one.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import io
import tomllib
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from unsc.errors import RecordError
from unsc.record.readers._common import decode, parse_html, short_reason, workbook_rows

MANIFEST = "source_manifest.toml"
KINDS = ("csv", "csv.gz", "csv.zip", "xlsx", "html")


@dataclass(frozen=True, slots=True)
class Expected:
    """What one source file (or each file of a pattern) must hold."""

    file: str
    kind: str
    encoding: str = "utf-8"
    columns: tuple[str, ...] = ()
    min_rows: int = 0
    duplicate_rows: int = 0
    ends_whole: bool = False
    min_records: int = 0
    years: tuple[int, int] | None = None
    missing_years: tuple[int, ...] = ()
    required: bool = False


@dataclass(frozen=True, slots=True)
class Shape:
    """What a file holds, as :func:`measure` finds it."""

    header: tuple[str, ...]
    rows: int
    duplicate_rows: int
    # ends as a whole file does: a text file with a line break, a page with its closing tag
    ends_whole: bool
    last_duplicate: int | None = None  # the line of the last row that repeats an earlier one


@cache
def load() -> tuple[Expected, ...]:
    """The manifest shipped in the package."""
    text = resources.files("unsc.data").joinpath(MANIFEST).read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> tuple[Expected, ...]:
    data = tomllib.loads(text)
    out = []
    for name, entry in data.get("files", {}).items():
        years = entry.get("years")
        out.append(
            Expected(
                file=name,
                kind=str(entry["kind"]),
                encoding=str(entry.get("encoding", "utf-8")),
                columns=tuple(entry.get("columns", ())),
                min_rows=int(entry.get("min_rows", 0)),
                duplicate_rows=int(entry.get("duplicate_rows", 0)),
                ends_whole=bool(entry.get("ends_whole", False)),
                min_records=int(entry.get("min_records", 0)),
                years=(int(years[0]), int(years[1])) if years else None,
                missing_years=tuple(int(y) for y in entry.get("missing_years", ())),
                required=bool(entry.get("required", False)),
            )
        )
    return tuple(out)


def expected_for(relative: str, manifest: Sequence[Expected] | None = None) -> Expected | None:
    """The manifest entry of a file (by its path relative to the source directory)."""
    entries = load() if manifest is None else manifest
    for entry in entries:
        if entry.file == relative:
            return entry
    for entry in entries:
        if any(c in entry.file for c in "*?[") and fnmatch.fnmatch(relative, entry.file):
            return entry
    return None


def missing_required(source: Path, manifest: Sequence[Expected] | None = None) -> list[str]:
    """The required files of the manifest that are not in ``source``."""
    entries = load() if manifest is None else manifest
    return [e.file for e in entries if e.required and not (source / e.file).is_file()]


def check_file(source: Path, path: Path, manifest: Sequence[Expected] | None = None) -> None:
    """Refuse a file that is damaged, truncated, in another encoding, or short of rows."""
    relative = path.relative_to(source).as_posix()
    expected = expected_for(relative, manifest)
    if expected is None:
        return
    shape = measure(path, expected.kind, expected.encoding)
    name = path.name
    if expected.ends_whole and not shape.ends_whole:
        end = "a closing </table> or </html> tag" if expected.kind == "html" else "a line break"
        raise RecordError(
            f"the file does not end with {end} (truncated?)",
            file=name,
            line=shape.rows + 1,
        )
    missing = [c for c in expected.columns if c not in shape.header]
    if missing:
        raise RecordError(
            f"missing column(s) {', '.join(missing)}", file=name, line=1, field=missing[0]
        )
    if shape.rows < expected.min_rows:
        raise RecordError(
            f"{shape.rows} data rows, the source manifest expects at least "
            f"{expected.min_rows} (truncated?)",
            file=name,
        )
    if shape.duplicate_rows > expected.duplicate_rows:
        raise RecordError(
            f"{shape.duplicate_rows} rows repeat an earlier row word for word, the source "
            f"manifest allows {expected.duplicate_rows} (duplicated rows?)",
            file=name,
            line=shape.last_duplicate,
        )


def check_records(
    source: Path,
    path: Path,
    count: int,
    years: Iterable[int],
    manifest: Sequence[Expected] | None = None,
) -> None:
    """Refuse a file whose reader gave fewer records, or fewer years, than the manifest says."""
    expected = expected_for(path.relative_to(source).as_posix(), manifest)
    if expected is None:
        return
    if count < expected.min_records:
        raise RecordError(
            f"{count} records read, the source manifest expects at least "
            f"{expected.min_records} (truncated or damaged?)",
            file=path.name,
        )
    if expected.years is not None:
        first, last = expected.years
        want = set(range(first, last + 1)) - set(expected.missing_years)
        lacking = sorted(want - set(years))
        if lacking:
            shown = ", ".join(map(str, lacking[:8])) + (" ..." if len(lacking) > 8 else "")
            raise RecordError(
                f"no records for {len(lacking)} expected year(s): {shown}",
                file=path.name,
                field="date",
            )


def measure(path: Path, kind: str, encoding: str = "utf-8") -> Shape:
    """The header, the data rows and the duplicated rows of a file of the given kind."""
    if kind not in KINDS:
        raise RecordError(f"unknown kind {kind!r} in the source manifest", file=path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read the file: {exc.strerror or exc}", file=path.name) from None
    if kind == "html":
        return _html_shape(path, data)
    if kind == "xlsx":
        return _xlsx_shape(path)
    name = path.name
    if kind == "csv.gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise RecordError(
                f"cannot read the compressed file ({short_reason(exc)}): damaged or truncated?",
                file=name,
            ) from None
    elif kind == "csv.zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                inner = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                if not inner:
                    raise RecordError("the archive holds no CSV file", file=name)
                data = archive.read(inner[0])
                name = f"{name}/{inner[0]}"
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, zlib.error) as exc:
            raise RecordError(
                f"not a readable zip file ({short_reason(exc)}): damaged or truncated?",
                file=name,
            ) from None
    text = decode(data, file=name, encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        rows = [(reader.line_num, tuple(r)) for r in reader if r]
    except csv.Error as exc:
        raise RecordError(f"malformed CSV: {exc}", file=name, line=reader.line_num) from None
    if not rows:
        raise RecordError("empty file: no header row", file=name, line=1)
    header = tuple(h.strip() for h in rows[0][1])
    repeats, last = _duplicates(rows[1:])
    return Shape(header, len(rows) - 1, repeats, data.endswith(b"\n"), last)


def _duplicates(rows: Sequence[tuple[int, tuple[Any, ...]]]) -> tuple[int, int | None]:
    """How many rows repeat an earlier one, and the line of the last that does."""
    seen: set[tuple[Any, ...]] = set()
    repeats, last = 0, None
    for line, row in rows:
        if row in seen:
            repeats, last = repeats + 1, line
        seen.add(row)
    return repeats, last


def _html_shape(path: Path, data: bytes) -> Shape:
    doc = parse_html(path)
    tail = data.rstrip().lower()
    closed = tail.endswith((b"</html>", b"</table>"))
    header: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[str, ...]]] = []
    for tr in doc.iter("tr"):
        cells = [c for c in tr if c.tag in ("td", "th")]
        if len(cells) < 2:
            continue
        texts = tuple(" ".join(c.text_content().split()) for c in cells)
        if not header and (
            all(c.tag == "th" for c in cells) or texts[0].lower().startswith("meeting record")
        ):
            header = texts
            continue
        if header:
            rows.append((tr.sourceline or 0, texts))
    repeats, last = _duplicates(rows)
    return Shape(header, len(rows), repeats, closed, last)


def _xlsx_shape(path: Path) -> Shape:
    with closing(workbook_rows(path)) as every:
        first = next(every, None)
        header = tuple(str(h or "").strip() for h in (first[1] if first else ()))
        rows = [(n, cells) for n, cells in every if any(c is not None for c in cells)]
    repeats, last = _duplicates(rows)
    return Shape(header, len(rows), repeats, True, last)
