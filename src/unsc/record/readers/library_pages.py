"""The UN Library's yearly "Meetings conducted by the Security Council" tables (1946 - mid 2022).

Saved pages ``un_library_pages/scact{YEAR}_table_en.html`` and ``scact2020_covid_table_en.html``
(saved copies of the UN Library's "Security Council Meetings & Outcomes Tables",
www.un.org/depts/dhl/resguide/scact.htm): one row per meeting, in reverse chronological order, with
the meeting record, the date without its year (the year is the page's), the press release (from
1993), the topic and an outcome cell that lists resolutions adopted ("S/RES/82 (1950) 9-0-1"),
drafts "not adopted" or "vetoed by ..." with their yes-no-abstain tally, and presidential
statements. The markup is irregular: cells spanning two rows (two topics in one meeting), ``th``
used for data cells, missing spaces before tallies. Parsed with lxml (which keeps source line
numbers).

The tallies count yes, no and abstain only: a member that did not take part is not counted (China,
which took no part in many votes of 1971-76, is missing from those tallies), so "14-0-0" on a
15-member Council means one member did not participate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]

from unsc.errors import RecordError
from unsc.record.readers._common import (
    member_code,
    normalise_symbol,
    parse_day_month,
    parse_html,
)
from unsc.record.records import DraftRecord, Kind, MeetingRecord, Tally, VoteLine, Where
from unsc.types import Matter, Outcome

SOURCE_ID = "undl-meetings"
DIRECTORY = Path("un_library_pages")
_FILE = re.compile(r"scact(\d{4})(?:_covid)?_table_en\.html$")


@dataclass(frozen=True, slots=True)
class PageContent:
    meetings: tuple[MeetingRecord, ...]
    actions: tuple[DraftRecord, ...]


def find(source: Path) -> list[Path]:
    """The yearly pages in a source directory, oldest first."""
    return sorted(
        p for p in (source / DIRECTORY).glob("scact*_table_en.html") if _FILE.search(p.name)
    )


def _text(element: lxml.html.HtmlElement) -> str:
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return " ".join(element.text_content().split())


def read(path: Path) -> PageContent:
    """Meetings and the votes taken in them, from one yearly page."""
    found = _FILE.search(path.name)
    if found is None:
        raise RecordError("not a meetings table page (scactYYYY_table_en.html)", file=path.name)
    year = int(found.group(1))
    doc = parse_html(path)
    columns: dict[str, int] | None = None
    width = 0
    meetings: list[MeetingRecord] = []
    actions: list[DraftRecord] = []
    current: tuple[str | None, date] | None = None
    for tr in doc.iter("tr"):
        cells = [c for c in tr if c.tag in ("td", "th")]
        texts = [_text(c) for c in cells]
        line = tr.sourceline or 0
        if any(t.lower().startswith("meeting record") for t in texts):
            columns = _columns(texts)
            width = len(texts)
            continue
        if columns is None or len(cells) < 2:
            continue
        extra = [t for t in texts[width:] if t != "--"]
        if extra:
            # More cells than the header has columns (doubled cells, a damaged row); the one
            # known stray cell is a "--" after the outcome (S/PV.1152, 1964).
            raise RecordError(
                f"row has {len(cells)} cells, the header has {width}",
                file=path.name,
                line=line,
                field="Outcome",
            )
        if len(cells) >= len(columns):
            _check_cells(texts, columns, path.name, line)
            record = _meeting_record(texts[columns["record"]])
            when = (
                parse_day_month(
                    texts[columns["date"]], year, file=path.name, line=line, field="Date"
                )
                if _has_date(texts[columns["date"]])
                else None
            )
            if when is None:
                # A few cells hold a range ("8-9 May") or 29 February of a non-leap year;
                # the meeting is kept without a date and its votes take the next date below.
                when = current[1] if current else None
            if when is None:
                continue
            current = (record, when)
            topic = texts[columns["topic"]]
            # Some rows carry a stray extra cell ("--") after the outcome (S/PV.1152, 1964).
            outcome = " ".join(t for t in texts[columns["outcome"] :] if t != "--")
            if record:
                meetings.append(
                    MeetingRecord(
                        where=Where(SOURCE_ID, path.name, line),
                        meeting_record=record,
                        number=int(record.split(".")[1]) if record[5:].isdigit() else None,
                        date=when,
                        topic=topic,
                        press_release=texts[columns["press"]] or None
                        if "press" in columns
                        else None,
                    )
                )
        elif current is not None:
            _check_continuation(texts, width, path.name, line)
            topic, outcome = texts[-2], texts[-1]
        else:
            continue
        where = Where(SOURCE_ID, path.name, line)
        actions.extend(
            parse_outcome(outcome, where=where, on=current[1], meeting=current[0], topic=topic)
        )
    if columns is None:
        raise RecordError(
            "no header row with 'Meeting Record'", file=path.name, line=1, field="Meeting Record"
        )
    return PageContent(tuple(meetings), tuple(actions))


def _columns(texts: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, text in enumerate(texts):
        low = text.lower()
        if low.startswith("meeting record"):
            found["record"] = i
        elif low == "date":
            found["date"] = i
        elif low.startswith("press"):
            found["press"] = i
        elif low.startswith("topic"):
            found["topic"] = i
        elif "outcome" in low:
            found["outcome"] = i
    for need in ("record", "date", "topic", "outcome"):
        if need not in found:
            found.setdefault(need, len(found))
    return found


_DAY_RANGE = re.compile(r"\s*\d{1,2}\s*[-/+]\s*\d{1,2}\s*[A-Za-z]+\.?\s*")


def _check_cells(texts: list[str], columns: dict[str, int], file: str, line: int) -> None:
    """A full row holds a meeting record (or "--"), a date (or a range of days, or nothing)
    and no date in any other cell: otherwise its cells are shifted (doubled or lost cells)."""
    record, when = (texts[columns[k]] for k in ("record", "date"))
    if record not in ("", "--") and not record.startswith("S/PV"):
        raise RecordError(
            f"not a meeting record: {record[:40]!r} (shifted cells?)",
            file=file,
            line=line,
            field="Meeting Record",
        )
    if when and not _has_date(when) and _DAY_RANGE.fullmatch(when) is None:
        raise RecordError(
            f"not a date: {when[:40]!r} (shifted cells?)", file=file, line=line, field="Date"
        )
    _check_topic(texts[columns["topic"]], file, line)
    for name, index in columns.items():
        if name != "date" and index < len(texts) and _has_date(texts[index]):
            raise RecordError(
                f"a date in the {name} cell: {texts[index]!r} (shifted cells?)",
                file=file,
                line=line,
                field=name.title(),
            )


# What a topic cell never starts with: a meeting record, a press release, a document symbol,
# a recording link ("Webcast", 2020).
_NOT_A_TOPIC = re.compile(r"(S/PV\.|SC/\d|SG/|S/RES/|S/\d|--$|Webcast$)")


def _check_topic(topic: str, file: str, line: int) -> None:
    if not topic or _NOT_A_TOPIC.match(topic) or _has_date(topic):
        raise RecordError(
            f"not a topic: {topic[:40]!r} (shifted cells?)", file=file, line=line, field="Topic"
        )


def _check_continuation(texts: list[str], width: int, file: str, line: int) -> None:
    """A row under a meeting that spans two rows holds a topic and an outcome (two cells fewer
    than the header); one row of 1961 (S/PV.969) has no outcome cell at all."""
    if len(texts) == width - 1 and texts[0].startswith("S/PV"):
        return
    if len(texts) != width - 2:
        raise RecordError(
            f"row has {len(texts)} cells, the header has {width} (shifted cells?)",
            file=file,
            line=line,
        )
    _check_topic(texts[-2], file, line)


def _has_date(text: str) -> bool:
    return re.fullmatch(r"\s*\d{1,2}\s*[A-Za-z]+\.?\s*(\d{4})?\s*", text) is not None


def _meeting_record(text: str) -> str | None:
    found = re.search(r"S/PV\.\s*(\d+)", text)
    return f"S/PV.{found.group(1)}" if found else None


_TOKEN = re.compile(
    r"(?P<res>S/RES/\s*(?P<num>\d+)\s*\((?P<year>\d{4})\))"
    r"|(?P<doc>S/(?:PRST/|PV\.)?\d+(?:/\d+)*(?:/(?:Rev|Add|Corr)\.\s?\d+)*)"
    r"|(?P<tally>\b\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{1,2}\b)"
)


def parse_outcome(
    text: str, *, where: Where, on: date, meeting: str | None, topic: str
) -> list[DraftRecord]:
    """Split an outcome cell into the votes it records (resolutions and not-adopted drafts).

    The cell is cut at each document symbol; a chunk is a resolution (``S/RES/n (year)``), a
    draft that was "not adopted" or "vetoed by ...", or something else (presidential
    statements, letters), which is skipped. A draft symbol with no status that is followed by
    one that has a status ("S/1234 & Add.1 and S/1235 not adopted") is the same vote.
    """
    tokens = list(_TOKEN.finditer(text))
    symbols = [t for t in tokens if t.group("res") or t.group("doc")]
    chunks: list[tuple[re.Match[str], str]] = []
    for i, match in enumerate(symbols):
        end = symbols[i + 1].start() if i + 1 < len(symbols) else len(text)
        chunks.append((match, text[match.end() : end]))
    records: list[DraftRecord] = []
    pending: str | None = None
    for match, rest in chunks:
        tally = _tally(rest)
        low = rest.lower()
        if match.group("res"):
            pending = None
            records.append(
                DraftRecord(
                    where=where,
                    date=on,
                    outcome=Outcome.ADOPTED,
                    resolution_number=int(match.group("num")),
                    meeting_record=meeting,
                    agenda=topic,
                    tally=tally,
                    vote_line=_vote_line(low),
                    note=" ".join(rest.split()) or None,
                )
            )
            continue
        symbol = normalise_symbol(match.group("doc"))
        if "PRST" in symbol or "prst" in low[:12]:
            pending = None
            continue
        vetoed = re.search(r"vetoed by (.+?)(?=\d|draft|$)", rest, re.IGNORECASE)
        if vetoed is None and "not adopted" not in low:
            pending = pending or symbol
            continue
        vetoers = _vetoers(vetoed.group(1), on, where) if vetoed else ()
        draft = pending or symbol
        # Early drafts are known only by the meeting that voted on them ("S/PV.57").
        in_record = draft.startswith("S/PV.")
        preliminary = "preliminary" in low
        matter = Matter.PRELIMINARY if preliminary else Matter.SUBSTANTIVE
        records.append(
            DraftRecord(
                where=where,
                date=on,
                outcome=Outcome.VETOED if vetoed else Outcome.FAILED,
                symbol=None if in_record else draft,
                meeting_record=meeting,
                agenda=topic,
                matter=matter,
                kind=Kind.PRELIMINARY if preliminary else Kind.DRAFT,
                tally=tally,
                vetoed_by=vetoers,
                note=f"draft text in {draft}"
                if in_record
                else (f"voted with {symbol}" if pending else None),
            )
        )
        pending = None
    return records


def _vote_line(cell: str) -> VoteLine:
    """The vote line a resolution's cell states: "without vote" (res. 272 (1969)), "adopted by
    consensus" (res. 591 (1986)), "by acclamation" (taken without a vote), else a vote."""
    return VoteLine.stated(cell) or VoteLine.VOTED


def _tally(text: str) -> Tally | None:
    found = re.search(r"\b(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})\b", text)
    if found is None:
        return None
    return Tally(int(found.group(1)), int(found.group(2)), int(found.group(3)))


def _vetoers(text: str, on: date, where: Where) -> tuple[str, ...]:
    names = re.split(r",|\band\b|&", text)
    codes = []
    for name in names:
        clean = re.sub(r"^\s*the\s+", "", name.strip(" .;:"), flags=re.IGNORECASE)
        if clean:
            codes.append(
                member_code(clean, on, file=where.file, line=where.line, field="vetoed by")
            )
    return tuple(codes)


def read_all(source: Path) -> Iterator[tuple[Path, PageContent]]:
    for path in find(source):
        yield path, read(path)
