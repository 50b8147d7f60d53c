"""Veto lists: the UN Library's "Security Council - Veto List" page and the WPDL table.

- ``un_library_pages/scact_veto_table_en.html`` (a saved copy of the UN Library's veto list,
  https://research.un.org/en/docs/sc/quick/veto): date ("26 May 2022"),
  draft, meeting record, agenda item, the permanent member(s) casting a negative vote. Before
  the drafts had their own symbols the draft column repeats the meeting record ("S/PV.57");
  data 1946-2004 come from A/58/47, Annex III.
- ``vetoes/wpdl_unsc_vetoes_1946_sept2022.csv`` (World Politics Datalab, MIT; §4): date m/d/Y,
  draft, meeting_record, agenda_item, member_veto1-3.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]

from unsc.errors import RecordError
from unsc.record.readers._common import (
    csv_rows,
    member_code,
    normalise_symbol,
    open_text,
    parse_day_month,
    parse_html,
    parse_us_date,
)
from unsc.record.records import VetoRecord, Where

LIBRARY_SOURCE_ID = "undl-veto-list"
LIBRARY_FILE = Path("un_library_pages") / "scact_veto_table_en.html"
WPDL_SOURCE_ID = "wpdl-vetoes"
WPDL_FILE = Path("vetoes") / "wpdl_unsc_vetoes_1946_sept2022.csv"
WPDL_REQUIRED = ("date", "draft", "meeting_record", "agenda_item", "member_veto1")


def _text(element: lxml.html.HtmlElement) -> str:
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return str(element.text_content())


_SYMBOL = re.compile(r"S/(?:PV\.)?\d+(?:/\d+)*(?:/(?:Rev|Add|Corr)\.\s?\d+)*", re.IGNORECASE)


def _draft(text: str) -> str | None:
    """The first document symbol of a cell; None when it is a meeting record ("S/PV.57")."""
    found = _SYMBOL.search(text)
    symbol = normalise_symbol(found.group(0)) if found else ""
    return None if not symbol or symbol.startswith("S/PV.") else symbol


def read_library(path: Path) -> Iterator[VetoRecord]:
    """Rows of the Library's veto list page, newest first as on the page."""
    # The page closes line breaks with "</br>", which HTML parsers drop: make them "<br>".
    doc = parse_html(path, fix=lambda data: data.replace(b"</br>", b"<br>"))
    seen_header = False
    for tr in doc.iter("tr"):
        cells = [c for c in tr if c.tag in ("td", "th")]
        if [c.tag for c in cells].count("th") >= 3:
            seen_header = True
            continue
        if not seen_header or len(cells) != 5:
            continue
        line = tr.sourceline or 0
        texts = [_text(c) for c in cells]
        when = parse_day_month(texts[0], None, file=path.name, line=line, field="Date")
        names = [n for n in re.split(r"\n|,|\band\b", texts[4]) if n.strip()]
        if not names:
            raise RecordError("no member named", file=path.name, line=line, field="Member")
        meetings = re.findall(r"S/PV\.\d+", texts[2])
        yield VetoRecord(
            where=Where(LIBRARY_SOURCE_ID, path.name, line),
            date=when,
            draft_symbol=_draft(texts[1]),
            meeting_record=meetings[0] if meetings else None,
            agenda=" ".join(texts[3].split()),
            vetoed_by=tuple(
                member_code(n, when, file=path.name, line=line, field="Member") for n in names
            ),
        )
    if not seen_header:
        raise RecordError("no header row", file=path.name, line=1, field="Date")


def read_wpdl(path: Path) -> Iterator[VetoRecord]:
    with open_text(path) as handle:
        for line, row in csv_rows(handle, file=path.name, required=WPDL_REQUIRED):
            when = parse_us_date(row["date"], file=path.name, line=line, field="date")
            names = [row.get(f"member_veto{i}", "").strip() for i in (1, 2, 3)]
            meeting = re.search(r"S/PV\.\d+", row["meeting_record"])
            yield VetoRecord(
                where=Where(WPDL_SOURCE_ID, path.name, line),
                date=when,
                draft_symbol=_draft(row["draft"]),
                meeting_record=meeting.group(0) if meeting else None,
                agenda=row["agenda_item"].strip(),
                vetoed_by=tuple(
                    member_code(n, when, file=path.name, line=line, field=f"member_veto{i}")
                    for i, n in enumerate(names, start=1)
                    if n
                ),
            )
