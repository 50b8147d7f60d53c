"""Helpers every reader shares: CSV rows with line numbers, dates, member codes, symbols.

Each failure is a :class:`RecordError` naming the file, the line and the field.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from unsc.errors import InputError, RecordError
from unsc.states import resolve_state
from unsc.types import Vote

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}

# Source spellings the state resolver cannot know: typing faults in column headers.
# UN_DATA.csv.zip (source ``undl-wide``, docs/data.md): "CHILEs ", a curly apostrophe in
# "COTE D’IVOIRE", and "DONOTKNOW", which is Mexico's column for res. 1966 (2010) only.
_SPELLING_FIXES = {
    "CHILES": "CHILE",
    "DONOTKNOW": "MEXICO",
    "ETHIPIA": "ETHIOPIA",
}


# Every text source is UTF-8 (the UN Library's pages and exports, and the GitHub datasets, as
# published); a byte sequence that is not UTF-8 is a damaged or mislabelled file, not a variant.
ENCODING = "utf-8"


def decode(data: bytes, *, file: str, encoding: str = ENCODING) -> str:
    """``data`` decoded strictly; a bad byte or a NUL (binary content) is a :class:`RecordError`
    naming the line, the column and the byte."""
    nul = data.find(b"\x00")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise RecordError(
            f"not {encoding} text: byte 0x{data[exc.start]:02x} at column {column} "
            "(a different encoding, or a binary file)",
            file=file,
            line=line,
        ) from None
    except LookupError:
        raise RecordError(f"unknown encoding {encoding!r}", file=file) from None
    if nul >= 0:
        line, column = _position(data, nul)
        raise RecordError(
            f"binary content: a NUL byte at column {column} (not a text file)",
            file=file,
            line=line,
        )
    return text.removeprefix("\ufeff")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_text(path: Path, *, encoding: str = ENCODING) -> str:
    """A whole text file, decoded strictly (see :func:`decode`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read the file: {exc.strerror or exc}", file=path.name) from None
    return decode(data, file=path.name, encoding=encoding)


def open_text(path: Path, *, encoding: str = ENCODING) -> io.StringIO:
    """A text file as a CSV-ready handle (``newline=""`` semantics), decoded strictly."""
    return io.StringIO(read_text(path, encoding=encoding), newline="")


def parse_html(path: Path, *, fix: Callable[[bytes], bytes] | None = None) -> Any:
    """An HTML page decoded strictly as UTF-8 (the pages declare no charset), parsed with lxml
    (which keeps source line numbers)."""
    import lxml.html  # type: ignore[import-untyped]

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"cannot read the file: {exc.strerror or exc}", file=path.name) from None
    decode(data, file=path.name)
    if fix is not None:
        data = fix(data)
    parser = lxml.html.HTMLParser(encoding=ENCODING)
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise RecordError(f"cannot parse the page: {short_reason(exc)}", file=path.name) from None


def csv_cells(
    handle: IO[str], *, file: str, required: Sequence[str]
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of ``(line, cells)``, checking columns and row widths.

    A missing column or a row with fewer or more cells than the header (a truncated file)
    is a :class:`RecordError`. Header names keep their spelling but lose surrounding spaces.
    """
    reader = csv.reader(handle)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        raise RecordError("empty file: no header row", file=file, line=1) from None
    except csv.Error as exc:
        raise RecordError(f"not a CSV file: {exc}", file=file, line=1) from None
    except UnicodeDecodeError as exc:
        raise RecordError(f"not UTF-8 text: {exc.reason}", file=file, line=1) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise RecordError(
            f"missing column(s) {', '.join(missing)}; found {', '.join(header)}",
            file=file,
            line=1,
            field=missing[0],
        )
    return header, _checked(reader, header, file)


def _checked(reader: Any, header: list[str], file: str) -> Iterator[tuple[int, list[str]]]:
    width = len(header)
    try:
        for cells in reader:
            line = reader.line_num
            if not cells:
                continue
            if len(cells) != width:
                short = len(cells) < width
                raise RecordError(
                    f"row has {len(cells)} cells, header has {width}"
                    + (" (truncated file?)" if short else ""),
                    file=file,
                    line=line,
                    field=header[min(len(cells), width - 1)] if short else None,
                )
            yield line, cells
    except csv.Error as exc:
        raise RecordError(f"malformed CSV: {exc}", file=file, line=reader.line_num) from None
    except UnicodeDecodeError as exc:
        raise RecordError(
            f"not UTF-8 text: {exc.reason}", file=file, line=reader.line_num + 1
        ) from None


def csv_rows(
    handle: IO[str], *, file: str, required: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row (see :func:`csv_cells` for the checks)."""
    header, rows = csv_cells(handle, file=file, required=required)
    for line, cells in rows:
        yield line, dict(zip(header, cells, strict=True))


def parse_iso(text: str, *, file: str, line: int, field: str) -> date:
    """An ISO date (``2023-12-29``, or a datetime with a time part)."""
    value = text.strip()
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"not a date: {text!r}", file=file, line=line, field=field) from None


def parse_us_date(text: str, *, file: str, line: int, field: str) -> date:
    """A ``month/day/year`` date, as in the World Politics Datalab veto list."""
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        raise RecordError(
            f"not a m/d/Y date: {text!r}", file=file, line=line, field=field
        ) from None


def _month(text: str) -> int | None:
    """A month by name or abbreviation ("Sep.", "Sept", "September")."""
    low = text.lower()
    found = [n for name, n in MONTHS.items() if len(low) >= 3 and name.startswith(low[:3])]
    return found[0] if found else None


_DAY_MONTH = re.compile(r"(\d{1,2})\s*([A-Za-z]+)\.?(?:\s+(\d{4}|\d{2})\b)?")


def parse_day_month(text: str, year: int | None, *, file: str, line: int, field: str) -> date:
    """``"30 June"`` (year from the page) or ``"26 May 2022"``, as on the UN Library pages."""
    found = _DAY_MONTH.search(text)
    month = _month(found.group(2)) if found else None
    if found is None or month is None:
        raise RecordError(f"not a date: {text.strip()!r}", file=file, line=line, field=field)
    use_year = int(found.group(3)) if found.group(3) else year
    if use_year is not None and use_year < 100:  # "30 January 86" on the veto list page
        use_year += 1900 if use_year >= 46 else 2000
    if use_year is None:
        raise RecordError(f"date without a year: {text!r}", file=file, line=line, field=field)
    try:
        return date(use_year, month, int(found.group(1)))
    except ValueError:
        raise RecordError(
            f"no such day: {text.strip()!r}", file=file, line=line, field=field
        ) from None


def member_code(name: str, on: date | None, *, file: str, line: int, field: str) -> str:
    """The state code for a source's member name or code; unknown names are a RecordError."""
    cleaned = name.strip().replace("\u2019", "'")
    cleaned = _SPELLING_FIXES.get(cleaned.upper().replace(" ", ""), cleaned)
    try:
        return _resolve(cleaned, on)
    except InputError:
        raise RecordError(f"unknown member {name!r}", file=file, line=line, field=field) from None


@lru_cache(maxsize=4096)
def _resolve(name: str, on: date | None) -> str:
    return resolve_state(name, on)


def parse_vote(text: str, *, file: str, line: int, field: str) -> Vote:
    try:
        return Vote.parse(text)
    except InputError:
        raise RecordError(f"unknown vote {text!r}", file=file, line=line, field=field) from None


def parse_int(text: str, *, file: str, line: int, field: str) -> int:
    try:
        return int(float(text.strip()))
    except ValueError:
        raise RecordError(f"not a number: {text!r}", file=file, line=line, field=field) from None


_RES_SYMBOL = re.compile(r"S/RES/\s*(\d+)", re.IGNORECASE)
_RES_WITH_YEAR = re.compile(r"(\d+)\s*\(\d{4}\)")
_PLAIN_NUMBER = re.compile(r"\s*(\d+)(?:\.0)?\s*")


def resolution_number(text: str) -> int | None:
    """The number in ``S/RES/2721 (2023)``, ``S/RES/2323(2016)``, ``Resolution 2618 (2022)``,
    ``893 (1994)`` or ``893``; None for anything else ("Missing", empty)."""
    value = text or ""
    for pattern in (_RES_SYMBOL, _RES_WITH_YEAR):
        found = pattern.search(value)
        if found:
            return int(found.group(1))
    plain = _PLAIN_NUMBER.fullmatch(value)
    return int(plain.group(1)) if plain else None


def resolution_symbol(number: int, year: int) -> str:
    return f"S/RES/{number} ({year})"


def normalise_symbol(text: str) -> str:
    """A document symbol without spaces around slashes and in upper case: ``S/2023/658``."""
    return (
        re.sub(r"\s+", "", text.strip())
        .upper()
        .replace("/REV.", "/Rev.")
        .replace("/ADD.", "/Add.")
        .replace("/CORR.", "/Corr.")
    )


def first_existing(paths: Iterable[Path]) -> Path | None:
    for path in paths:
        if path.is_file():
            return path
    return None


def xlsx_rows(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, object]]]:
    """``(line, {column: value})`` for each non-empty row of the first sheet of a workbook.

    Only the ``required`` columns are returned; a missing one is a :class:`RecordError` naming
    the file, line 1 and the column. A workbook that cannot be opened or read to its end (a
    truncated or damaged file) is a :class:`RecordError` too (:func:`workbook_rows`).
    """
    wanted = tuple(required)
    with closing(workbook_rows(path)) as rows:
        first = next(rows, None)
        header = [str(h or "").strip() for h in (first[1] if first else ())]
        missing = [c for c in wanted if c not in header]
        if missing:
            raise RecordError(
                f"missing column(s) {', '.join(missing)}",
                file=path.name,
                line=1,
                field=missing[0],
            )
        index = {name: header.index(name) for name in wanted}
        width = max(index.values()) + 1
        for line, cells in rows:
            if all(c is None for c in cells):
                continue
            if len(cells) < width:
                cells = (*cells, *([None] * (width - len(cells))))
            yield line, {name: cells[i] for name, i in index.items()}


def workbook_rows(path: Path) -> Generator[tuple[int, tuple[object, ...]], None, None]:
    """``(line, cells)`` for every row of the first sheet, the header first as line 1.

    A workbook that cannot be opened or read to its end (a truncated or damaged file) is a
    one-line :class:`RecordError` naming the file and the last line read.
    """
    line = 1
    try:
        book = open_workbook(path)
        try:
            if not book.worksheets:
                raise RecordError("the workbook has no sheet", file=path.name)
            for line, cells in enumerate(book.worksheets[0].iter_rows(values_only=True), 1):
                yield line, tuple(cells)
        finally:
            book.close()
    except RecordError:
        raise
    except Exception as exc:  # openpyxl reports damage with many exception types
        raise RecordError(
            f"cannot read the workbook ({type(exc).__name__}: {short_reason(exc)}): "
            "damaged or truncated?",
            file=path.name,
            line=line if line > 1 else None,
        ) from None


def open_workbook(path: Path) -> Any:
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True)


def short_reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or "no detail"
