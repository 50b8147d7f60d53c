"""Write ``src/unsc/data/source_manifest.toml`` from a source directory known to be whole.

    python scripts/source_manifest.py [SOURCE] [--out PATH]

For each file the build reads: its format, encoding, header columns, number of data rows, the
exact duplicate rows it already has, the records its reader gives and the years they cover.
Counts only: no value of the sources is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from unsc.record.build import default_source_dir, years_of
from unsc.record.manifest import measure
from unsc.record.readers import (
    draft_votes,
    library_pages,
    lists,
    manual_failed,
    veto_lists,
    wide_votes,
)
from unsc.record.readers.undl_csv import COLUMNS as UNDL_COLUMNS
from unsc.record.reconcile import LAST_DAY

HEAD = """\
# The source manifest: what each file the record is built from must hold (counts, no data).
# Written by scripts/source_manifest.py from a whole source directory; read by
# unsc.record.manifest before and after each reader. min_rows counts data rows, min_records
# the records its reader gives, duplicate_rows the exact repeats the file is known to carry;
# ends_whole: the file ends with a line break (text) or a closing tag (pages).
"""


def _entry(
    source: Path,
    relative: str,
    kind: str,
    reader: Callable[[Path], Iterable[object]] | None,
    *,
    required: bool,
    columns: Iterable[str] | None = None,
) -> str:
    path = source / relative
    shape = measure(path, kind)
    lines = [f'[files."{relative}"]', f'kind = "{kind}"', 'encoding = "utf-8"']
    header = [c for c in (shape.header if columns is None else columns) if c]
    lines.append("columns = [" + ", ".join(_quote(c) for c in header) + "]")
    lines += [
        f"min_rows = {shape.rows}",
        f"duplicate_rows = {shape.duplicate_rows}",
        f"ends_whole = {str(shape.ends_whole).lower()}",
    ]
    if reader is not None:
        items = list(reader(path))
        years = years_of(items)
        lines.append(f"min_records = {len(items)}")
        if years:
            first, last = min(years), max(years)
            lines.append(f"years = [{first}, {last}]")
            gaps = sorted(set(range(first, last + 1)) - years)
            if gaps:
                lines.append("missing_years = [" + ", ".join(map(str, gaps)) + "]")
    lines.append(f"required = {str(required).lower()}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page(path: Path) -> list[object]:
    content = library_pages.read(path)
    return [*content.meetings, *content.actions]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=None)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "src/unsc/data/source_manifest.toml",
    )
    args = parser.parse_args(argv)
    source = default_source_dir(args.source)
    parts = [HEAD]
    # Files the build can fetch but the snapshot may lack: columns only.
    parts.append(
        '[files."undl_sc_voting/*_sc_voting.csv"]\nkind = "csv"\nencoding = "utf-8"\n'
        "columns = [" + ", ".join(_quote(c) for c in UNDL_COLUMNS) + "]\nrequired = false\n"
    )
    wide = wide_votes.RELATIVE.as_posix()
    parts.append(
        _entry(
            source,
            wide,
            "csv.zip",
            lambda p: wide_votes.read(p, until=LAST_DAY),
            required=True,
            columns=wide_votes.META,
        )
    )
    for name, kind in ((draft_votes.CSV_GZ, "csv.gz"), (draft_votes.XLSX, "xlsx")):
        relative = (draft_votes.DIRECTORY / name).as_posix()
        if (source / relative).is_file():
            parts.append(
                _entry(
                    source,
                    relative,
                    kind,
                    lambda p: draft_votes.read(p, until=LAST_DAY),
                    required=False,
                )
            )
    for page in library_pages.find(source):
        relative = page.relative_to(source).as_posix()
        parts.append(_entry(source, relative, "html", _page, required=True))
    optional: list[tuple[Path, str, Callable[[Path], Iterable[object]]]] = [
        (veto_lists.LIBRARY_FILE, "html", veto_lists.read_library),
        (veto_lists.WPDL_FILE, "csv", veto_lists.read_wpdl),
        (lists.LINKS_FILE, "csv", lists.read_links),
        (manual_failed.FILE, "xlsx", manual_failed.read),
        (lists.ELECTED_FILE, "csv", lists.read_elected),
        (lists.STATES_FILE, "csv", lists.read_states),
    ]
    for relative_path, kind, reader in optional:
        if (source / relative_path).is_file():
            parts.append(_entry(source, relative_path.as_posix(), kind, reader, required=False))
    args.out.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {args.out} ({len(parts) - 1} files)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
