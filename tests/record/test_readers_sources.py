"""Readers of the real source files in ../shared/data, checked against facts with sources."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from unsc.errors import RecordError
from unsc.record.readers import draft_votes, library_pages, lists, veto_lists, wide_votes
from unsc.record.readers._common import parse_day_month, resolution_number
from unsc.types import Matter, Outcome, Vote


def test_wide_table_has_every_resolution_1_to_2617(source_dir: Path) -> None:
    records = list(wide_votes.read(source_dir / wide_votes.RELATIVE))
    assert sorted(r.resolution_number for r in records) == list(range(1, 2618))
    by_number = {r.resolution_number: r for r in records}
    # "DONOTKNOW" is Mexico's column for res. 1966 (2010) (source ``undl-wide``: known faults in
    # docs/data.md).
    assert "MEX" in by_number[1966].votes
    # Res. 2334 (2016): 14-0-1, the United States abstaining (S/PV.7853).
    assert by_number[2334].votes["USA"] is Vote.ABSTAIN
    # Every row's member votes add up to its own tally columns.
    for r in records:
        assert r.tally is not None
        counted = [sum(v is k for v in r.votes.values()) for k in (Vote.YES, Vote.NO, Vote.ABSTAIN)]
        assert counted == [r.tally.yes, r.tally.no, r.tally.abstain]


def test_draft_votes_keep_the_source_date_and_outcome(source_dir: Path) -> None:
    path = draft_votes.find(source_dir)
    assert path is not None
    records = list(draft_votes.read(path))
    assert max(r.date for r in records) <= date(2023, 12, 31)
    by_symbol = {r.symbol: r for r in records if r.outcome is not Outcome.ADOPTED}
    # S/2023/638 (30 Aug 2023, Mali sanctions): vetoed by Russia, China abstaining (S/PV.9408).
    mali = by_symbol["S/2023/638"]
    assert mali.outcome is Outcome.VETOED
    assert mali.votes["RUS"] is Vote.NO and mali.votes["CHN"] is Vote.ABSTAIN
    # Res. 893 (1994) was adopted on 6 January 1994; the source has 1 June (day/month swapped).
    first = next(r for r in records if r.resolution_number == 893)
    assert first.date == date(1994, 6, 1) and first.date_as_in_source == "1994-06-01"


@pytest.mark.slow
def test_xlsx_and_csv_give_the_same_votes(source_dir: Path) -> None:
    xlsx = source_dir / draft_votes.DIRECTORY / draft_votes.XLSX
    gz = source_dir / draft_votes.DIRECTORY / draft_votes.CSV_GZ
    a, b = list(draft_votes.read(xlsx)), list(draft_votes.read(gz))
    assert [(r.symbol, r.date, r.votes) for r in a] == [(r.symbol, r.date, r.votes) for r in b]


def test_meetings_pages(source_dir: Path) -> None:
    content = library_pages.read(source_dir / "un_library_pages" / "scact1950_table_en.html")
    failed = {a.symbol: a for a in content.actions if a.outcome is not Outcome.ADOPTED}
    # S/1894 (30 Nov 1950, Korea): vetoed by the USSR, 9-1-0, in a cell spanning two rows.
    assert failed["S/1894"].vetoed_by == ("SUN",)
    assert failed["S/1894"].tally is not None and failed["S/1894"].tally.text() == "9-1-0"
    assert failed["S/1894"].date == date(1950, 11, 30)
    assert failed["S/1921"].outcome is Outcome.FAILED
    adopted = {a.resolution_number: a for a in content.actions if a.outcome is Outcome.ADOPTED}
    assert adopted[82].date == date(1950, 6, 25) and adopted[82].tally is not None
    assert adopted[82].tally.text() == "9-0-1"
    assert any(m.meeting_record == "S/PV.473" for m in content.meetings)


def test_meetings_pages_early_drafts_known_by_their_meeting(source_dir: Path) -> None:
    content = library_pages.read(source_dir / "un_library_pages" / "scact1946_table_en.html")
    vetoed = [a for a in content.actions if a.outcome is Outcome.VETOED]
    # 29 Aug 1946 (S/PV.57): Transjordan, Ireland and Portugal vetoed by the USSR.
    at_57 = [a for a in vetoed if a.meeting_record == "S/PV.57"]
    assert len(at_57) == 3 and all(a.symbol is None and a.vetoed_by == ("SUN",) for a in at_57)
    content = library_pages.read(source_dir / "un_library_pages" / "scact1948_table_en.html")
    assert any(a.matter is Matter.PRELIMINARY for a in content.actions)


def test_veto_lists(source_dir: Path) -> None:
    library = list(veto_lists.read_library(source_dir / veto_lists.LIBRARY_FILE))
    wpdl = list(veto_lists.read_wpdl(source_dir / veto_lists.WPDL_FILE))
    assert library[0].draft_symbol == "S/2022/431"
    assert library[0].vetoed_by == ("CHN", "RUS") and library[0].date == date(2022, 5, 26)
    assert library[-1].date == date(1946, 2, 16) and library[-1].draft_symbol is None
    # "30 January 86" on the page: a two-digit year.
    assert any(v.date == date(1986, 1, 30) for v in library)
    assert {v.draft_symbol for v in wpdl} >= {"S/2022/431", "S/2022/538"}


def test_reference_lists(source_dir: Path) -> None:
    groups = list(lists.read_states(source_dir / lists.STATES_FILE))
    assert len(groups) == 193
    assert {g.code: g.regional_group for g in groups}["AUS"] == "Western European and Others"
    elected = list(lists.read_elected(source_dir / lists.ELECTED_FILE))
    assert {e.code for e in elected if e.year == 1961} >= {"EGY", "LKA", "LBR"}
    links = {
        link.resolution_number: link.draft_symbol
        for link in lists.read_links(source_dir / lists.LINKS_FILE)
    }
    assert links[1] == "S/6"


def test_small_parsers() -> None:
    assert [
        resolution_number(t)
        for t in ("S/RES/2721 (2023)", "Resolution 2618 (2022)", "893 (1994)", "Missing")
    ] == [2721, 2618, 893, None]
    assert parse_day_month("15 Sep.", 2004, file="f", line=1, field="d") == date(2004, 9, 15)
    with pytest.raises(RecordError) as info:
        parse_day_month("29 February", 2021, file="f.html", line=9, field="Date")
    assert (info.value.file, info.value.line, info.value.field) == ("f.html", 9, "Date")


def test_hand_typed_failed_drafts(source_dir: Path) -> None:
    from unsc.record.readers import manual_failed

    records = list(manual_failed.read(source_dir / manual_failed.FILE))
    # Votes on paragraphs are not drafts: 5 of the 53 rows are skipped.
    assert len(records) == 48 and all("aragraph" not in (r.note or "") for r in records)
    # S/2022/538 (8 Jul 2022, Syria cross-border aid): 13-1-1, Russia against, China
    # abstaining; the file's tuple is for-abstain-against.
    syria = next(r for r in records if r.symbol == "S/2022/538")
    assert syria.tally is not None and syria.tally.text() == "13-1-1"
    assert syria.votes["RUS"] is Vote.NO and syria.votes["CHN"] is Vote.ABSTAIN


def test_sponsor_names_are_split_only_between_states() -> None:
    from unsc.record.readers.draft_votes import sponsor_codes

    on = date(2015, 6, 1)
    assert sponsor_codes("Bosnia and Herzegovina, Chile and France", on) == "BIH;CHL;FRA"
    assert sponsor_codes("Saint Vincent and the Grenadines", on) == "VCT"
    assert (
        sponsor_codes("the United Kingdom of Great Britain and Northern Ireland and France", on)
        == "GBR;FRA"
    )
    assert sponsor_codes("Spain_x000D_\nand Sweden.", on) == "ESP;SWE"
    assert sponsor_codes("President", on) is None


def test_meetings_page_of_2020_votes_by_letter(source_dir: Path) -> None:
    # Votes by written procedure in 2020 have no meeting record; the page's title says 2021
    # but its votes are of 2020 (the year comes from the file name).
    page = source_dir / "un_library_pages" / "scact2020_covid_table_en.html"
    content = library_pages.read(page)
    adopted = {a.resolution_number: a for a in content.actions if a.outcome is Outcome.ADOPTED}
    assert adopted[2560].date == date(2020, 12, 29) and adopted[2560].meeting_record is None
    assert adopted[2560].tally is not None and adopted[2560].tally.text() == "15-0-0"
