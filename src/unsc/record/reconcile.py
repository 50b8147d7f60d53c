"""Reconcile the sources into one record, writing down every disagreement.

Order of precedence (highest first; ``docs/data.md`` explains each choice). Above every source
stand the curated facts of ``unsc/data/record_corrections.csv`` and ``record_questions.csv``,
each from the Council's own record (meeting records S/PV.NNNN, the yearly Resolutions and
Decisions volumes); then:

- how a decision was taken: a source that says "without vote" or "by consensus" over one that
  gives a tally; a decision not voted keeps no member votes and no tally;
- tallies: the Library meetings tables (``undl-meetings``), which do not count members that did
  not take part; member votes that do not add up to the chosen tally are not kept;
- member votes on adopted resolutions: the UN Library Voting Data CSV (``undl-voting``, when
  present in the source directory), the wide UN Library table 1946-2021 (``undl-wide``), the
  draft-level votes 1994-2023 (``oliverunv``);
- member votes on failed and vetoed drafts: ``oliverunv`` (the only source with them);
- dates: ``undl-voting``, ``undl-wide``, the Library meetings tables (``undl-meetings``),
  ``oliverunv`` (whose day and month are often swapped);
- which drafts failed or were vetoed, and their tallies: ``undl-meetings``, then ``oliverunv``;
- who vetoed: the member votes (a permanent member voting no), else the Library's meetings
  table, else its veto list (``undl-veto-list``); ``wpdl-vetoes`` is only compared.

A source's member votes are not used when they contradict themselves or the Council of the
day: a member that did not sit (the 1995 rows of ``oliverunv``), an "adopted unanimously" with
votes against, or one member listed twice with different votes that the tally cannot settle.
Members that sat but have no vote in the chosen source are ``not_voting`` (the Library tallies
and ``oliverunv`` leave non-participation out), or ``absent`` for the USSR from 13 January to
1 August 1950 (Gross, "Voting in the Security Council: Abstention from Voting and Absence from
Meetings", 60 Yale LJ 209 (1951)).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from unsc.record.curated import Fixes
from unsc.record.derive import fill_derived
from unsc.record.discrepancies import Discrepancy, DiscrepancyKind, Report
from unsc.record.reconcile_common import (
    LAST_DAY,
    LAST_RESOLUTION,
    Entry,
    Reconciled,
    Sources,
    contradicts,
    date_kind,
    far_apart,
    settle_tally,
    usable_votes,
)
from unsc.record.reconcile_curated import (
    add_questions,
    add_unlisted,
    apply_corrections,
    classify,
)
from unsc.record.reconcile_drafts import failed_drafts, meetings, vetoes
from unsc.record.reconcile_refs import apply_vote_refs
from unsc.record.records import DraftRecord, Kind, VoteLine
from unsc.types import Matter, Outcome, Vote

__all__ = ["LAST_DAY", "Discrepancy", "Entry", "Reconciled", "Report", "Sources", "reconcile"]


def reconcile(sources: Sources) -> Reconciled:
    report = Report()
    resolutions = _resolutions(sources, report)
    drafts = failed_drafts(sources, report)
    vetoes(drafts, sources, report)
    found = [*resolutions, *drafts]
    classify(found)
    add_questions(found, sources.questions, report, sources.fixes)
    add_unlisted(found, sources.unlisted, report)
    apply_corrections(found, sources.fixes, report)
    apply_vote_refs(found, sources.vote_refs, report)
    fill_derived(found)
    for entry in found:
        if entry.draft.kind is Kind.AMENDMENT:
            entry.counted = False
    entries = sorted(
        found,
        key=lambda e: (
            e.draft.date,
            e.draft.resolution_number or 0,
            e.draft.symbol or "",
            e.draft.meeting_record or "",
            # A source's votes keep the order the source lists them in (a meeting's votes
            # in the UN Library's meetings table), named or not; the curated votes no
            # source holds follow by id.
            "" if e.listed else e.ref or "",
        ),
    )
    for i, entry in enumerate(entries, start=1):
        entry.draft_id = i
    found_meetings = meetings(sources, report)
    return Reconciled(entries, found_meetings, report.items)


def _by_number(records: Sequence[DraftRecord], report: Report) -> dict[int, DraftRecord]:
    found: dict[int, DraftRecord] = {}
    for r in records:
        n = r.resolution_number
        if n is None or r.outcome is not Outcome.ADOPTED:
            continue
        if n in found:
            first = found[n]
            report.add(
                DiscrepancyKind.DUPLICATE_RESOLUTION,
                subject=f"S/RES/{n}",
                field="resolution_number",
                chosen=str(first.where),
                rejected=str(r.where),
                sources=[r.where.source_id],
                note="the source lists the number twice; the first row is kept",
            )
            continue
        found[n] = r
    return found


def _resolutions(sources: Sources, report: Report) -> list[Entry]:
    undl = _by_number(sources.undl, report)
    wide = _by_number(sources.wide, report)
    olv = _by_number(sources.draft_votes, report)
    lib = _by_number(sources.library, report)
    lib_rows: dict[int, list[DraftRecord]] = {}
    for r in sources.library:
        if r.resolution_number is not None and r.outcome is Outcome.ADOPTED:
            lib_rows.setdefault(r.resolution_number, []).append(r)
    links: dict[int, str] = {}
    for link in sources.links:
        links.setdefault(link.resolution_number, link.draft_symbol)
    checker = SymbolCheck.of(sources, links)
    numbers = sorted({*undl, *wide, *olv, *lib})
    entries: list[Entry] = []
    for n in numbers:
        if n > LAST_RESOLUTION:
            continue
        found = {"undl": undl.get(n), "wide": wide.get(n), "lib": lib.get(n), "olv": olv.get(n)}
        _library_row_of_the_day(found, lib_rows.get(n, []), report)
        ranked = [r for r in found.values() if r is not None]
        top = ranked[0]
        subject = f"S/RES/{n}"
        when = top.date
        far = found["olv"]
        if far is not None and far is not top and far_apart(far.date, when):
            # A mistyped number in the draft-level votes ("425" for a 2002 resolution).
            report.add(
                DiscrepancyKind.RESOLUTION_NUMBER,
                subject=subject,
                field="resolution_number",
                chosen=str(top.where),
                rejected=str(far.where),
                sources=[top.where.source_id, far.where.source_id],
                note=f"{far.where} is dated {far.date}, not {when}: another resolution; not used",
            )
            ranked.remove(far)
            found["olv"] = None
        for other in ranked[1:]:
            if other.date != when:
                report.add(
                    date_kind(other.date, when),
                    subject=subject,
                    field="date",
                    chosen=when,
                    rejected=other.date,
                    sources=[top.where.source_id, other.where.source_id],
                    note=str(other.where),
                )
        if when > LAST_DAY:
            continue
        entry = Entry(
            DraftRecord(top.where, when, Outcome.ADOPTED, resolution_number=n),
            resolution_source=top.where.source_id,
        )
        library = found["lib"]
        reference = library.tally if library else None
        for key in ("undl", "wide", "olv"):
            record = found[key]
            if record is None:
                continue
            if record.votes and all(v is Vote.NOT_VOTING for v in record.votes.values()):
                # The wide table codes an adoption without a vote as every member "X"
                # (e.g. res. 754 (1992), admission of Slovenia): no member votes to keep.
                entry.draft = replace(entry.draft, vote_line=VoteLine.WITHOUT_VOTE)
                continue
            votes = usable_votes(record, when, report, subject, reference)
            if votes is None:
                continue
            why = contradicts(record, votes, when)
            if why:
                report.add(
                    DiscrepancyKind.VOTES_CONTRADICT_OUTCOME,
                    subject=subject,
                    field="votes",
                    rejected=votes,
                    sources=[record.where.source_id],
                    note=f"{record.where}: {why}; not used",
                )
                continue
            if not entry.draft.votes:
                entry.draft = replace(entry.draft, votes=votes)
                entry.votes_source = record.where.source_id
                entry.votes_where = str(record.where)
            else:
                _compare_votes(entry, votes, record, report, subject)
        _fill_fields(
            entry,
            [x for k in ("undl", "wide", "olv", "lib") if (x := found[k]) is not None],
            links.get(n),
            report,
            checker,
            sources.fixes,
        )
        entries.append(entry)
    _shared_symbols(entries, report)
    have = {e.draft.resolution_number for e in entries}
    for n in range(1, LAST_RESOLUTION + 1):
        if n not in have:
            report.add(
                DiscrepancyKind.MISSING_RESOLUTION,
                subject=f"S/RES/{n}",
                field="resolution_number",
                note="no source knows this resolution",
            )
    return entries


def _library_row_of_the_day(
    found: dict[str, DraftRecord | None], rows: list[DraftRecord], report: Report
) -> None:
    """The Library tables list some numbers twice: ``S/RES/663 (1990) 13-2-0`` on 13 September
    1990 is res. 666 mistyped; res. 663 (Liechtenstein) is on 14 August. Keep the row dated as
    the other sources date the resolution."""
    others = [r.date for k, r in found.items() if k != "lib" and r is not None]
    if len(rows) < 2 or not others:
        return
    on_day = [r for r in rows if r.date == others[0]]
    if on_day and found["lib"] is not on_day[0]:
        kept, dropped = on_day[0], found["lib"]
        found["lib"] = kept
        report.add(
            DiscrepancyKind.DUPLICATE_RESOLUTION,
            subject=f"S/RES/{kept.resolution_number}",
            field="resolution_number",
            chosen=str(kept.where),
            rejected=str(dropped.where) if dropped else None,
            sources=[kept.where.source_id],
            note=f"listed twice; the row of {kept.date}, the day the other sources give, is kept",
        )


def _compare_votes(
    entry: Entry, votes: dict[str, Vote], record: DraftRecord, report: Report, subject: str
) -> None:
    differ = {c: v for c, v in votes.items() if entry.draft.votes.get(c) not in (None, v)}
    if differ:
        report.add(
            DiscrepancyKind.VOTE,
            subject=subject,
            field="votes",
            chosen={c: entry.draft.votes[c] for c in differ},
            rejected=differ,
            sources=[entry.votes_source or "", record.where.source_id],
            note=str(record.where),
        )


def _fill_fields(
    entry: Entry,
    records: list[DraftRecord],
    link: str | None,
    report: Report,
    checker: SymbolCheck | None = None,
    fixes: Fixes | None = None,
) -> None:
    """Take each descriptive field from the first source that has it; settle the vote line,
    the member votes and the tally (:func:`settle_tally`)."""
    fixes = fixes or Fixes({})

    def first(attr: str) -> str | None:
        for r in records:
            value = getattr(r, attr)
            if value:
                return str(value)
        return None

    entry.draft = replace(
        entry.draft,
        symbol=_choose_symbol(entry, records, link, report, checker or SymbolCheck()),
        meeting_record=first("meeting_record"),
        agenda=first("agenda"),
        title=first("title"),
        subjects=first("subjects"),
        sponsors=first("sponsors"),
    )
    _vote_line(entry, records, report)
    for r in records:
        if r.matter is not Matter.SUBSTANTIVE:
            entry.draft = replace(entry.draft, matter=r.matter)
    library = next((r for r in records if r.where.source_id == "undl-meetings"), None)
    reference = library.tally if library else None
    if reference is None and not entry.draft.votes:
        reference = next((r.tally for r in records if r.tally), None)
    settle_tally(
        entry,
        reference,
        library.where.source_id if library else "",
        str(library.where) if library else "",
        report,
        fixes,
    )


def _vote_line(entry: Entry, records: list[DraftRecord], report: Report) -> None:
    """How the decision was taken: a source that states it was taken without a vote (the
    Library's "without vote" or "by consensus", the Voting Data's modality, the wide table's
    every member "X") wins over one that gives a tally, which may be a unanimity a third party
    filled in; the disagreement is reported."""
    rank = {"undl-meetings": 0, "undl-voting": 1, "undl-wide": 2}
    stated = sorted(
        ((r.vote_line, r) for r in records if not r.vote_line.voted),
        key=lambda lr: rank.get(lr[1].where.source_id, 3),
    )
    if entry.draft.vote_line is not VoteLine.VOTED or not stated:
        return
    line, record = stated[0]
    entry.draft = replace(entry.draft, vote_line=line)
    voted = [r for r in records if r.vote_line.voted and r.tally is not None]
    for other in voted:
        report.add(
            DiscrepancyKind.VOTE_LINE,
            subject=entry.subject,
            field="vote_line",
            chosen=line,
            rejected=f"voted {other.tally.text() if other.tally else ''}",
            sources=[record.where.source_id, other.where.source_id],
            note=f"{record.where} against {other.where}",
        )


CROSSWALK = "undl-marc-crosswalk"
# Symbols with the year, S/YYYY/N, from 1994 (S/1508/Rev.1 of 1950 has none).
_YEAR_IN_SYMBOL = re.compile(r"^S/((?:199[4-9]|20\d\d))/\d")


@dataclass(frozen=True, slots=True)
class SymbolCheck:
    """What makes a source's draft symbol for a resolution impossible.

    - the year in the symbol (``S/2015/134``) is not the resolution's year: res. 220 (1966)
      has ``S/2015/134`` in the crosswalk (``derived_draft_to_resolution_crosswalk.csv``,
      from MARC field 993), the draft of res. 2205 (2015); ``oliverunv`` gives res. 1048
      (1996) ``S/1995/136``;
    - the same source gives the symbol to several resolutions: the crosswalk has ``S/11806``
      for res. 372, 373 and 374 (18 Aug 1975, three admissions), ``oliverunv`` has
      ``S/2006/372`` for res. 1684 and 1685 (13 Jun 2006);
    - the veto list (A/58/47, Annex III) names the draft as vetoed: the crosswalk gives res.
      120 (4 Nov 1956) ``S/3730/Rev.1``, the United States draft the USSR vetoed at S/PV.754.
    """

    claims: dict[str, dict[str, frozenset[int]]] = field(default_factory=dict)
    vetoed: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sources: Sources, links: dict[int, str]) -> SymbolCheck:
        found: dict[str, dict[str, set[int]]] = {}
        for group in (sources.undl, sources.wide, sources.draft_votes, sources.library):
            for r in group:
                if r.symbol and r.resolution_number and r.outcome is Outcome.ADOPTED:
                    by_symbol = found.setdefault(r.where.source_id, {})
                    by_symbol.setdefault(r.symbol, set()).add(r.resolution_number)
        crosswalk = found.setdefault(CROSSWALK, {})
        for number, symbol in links.items():
            crosswalk.setdefault(symbol, set()).add(number)
        return cls(
            {k: {s: frozenset(ns) for s, ns in v.items()} for k, v in found.items()},
            frozenset(v.draft_symbol for v in sources.veto_list if v.draft_symbol),
        )

    def why_not(self, symbol: str, source_id: str, number: int, year: int) -> str | None:
        """Why ``symbol`` from ``source_id`` cannot be the draft of resolution ``number``
        adopted in ``year``, or None."""
        match = _YEAR_IN_SYMBOL.match(symbol)
        if match and int(match.group(1)) != year:
            return f"the symbol's year is not {year}, the resolution's"
        others = self.claims.get(source_id, {}).get(symbol, frozenset()) - {number}
        if others:
            listed = ", ".join(str(n) for n in sorted(others))
            return f"{source_id} gives the same symbol to res. {listed}"
        if symbol in self.vetoed:
            return "the veto list (A/58/47, Annex III) names this draft as vetoed"
        return None


def _choose_symbol(
    entry: Entry,
    records: list[DraftRecord],
    link: str | None,
    report: Report,
    checker: SymbolCheck,
) -> str | None:
    """The first source's draft symbol that :class:`SymbolCheck` does not rule out; the
    ruled-out ones and those that differ from it become discrepancies."""
    offered = [(r.symbol, r.where.source_id) for r in records if r.symbol]
    if link:
        offered.append((link, CROSSWALK))
    number = entry.draft.resolution_number or 0
    chosen: tuple[str, str] | None = None
    rejected: list[tuple[str, str, str]] = []
    for symbol, source_id in offered:
        why = checker.why_not(symbol, source_id, number, entry.draft.date.year)
        if why:
            rejected.append((symbol, source_id, why))
        elif chosen is None:
            chosen = (symbol, source_id)
    for symbol, source_id, why in rejected:
        if chosen is not None and symbol == chosen[0]:
            continue  # another source gives the same symbol without a doubt
        report.add(
            DiscrepancyKind.DRAFT_SYMBOL_REJECTED,
            subject=entry.subject,
            field="symbol",
            chosen=chosen[0] if chosen else "",
            rejected=symbol,
            sources=[source_id],
            note=f"{why}; not used",
        )
    if chosen is not None:
        for symbol, source_id in offered:
            if symbol != chosen[0] and all(symbol != r[0] for r in rejected):
                report.add(
                    DiscrepancyKind.DRAFT_SYMBOL,
                    subject=entry.subject,
                    field="symbol",
                    chosen=chosen[0],
                    rejected=symbol,
                    sources=[chosen[1], source_id],
                )
    return chosen[0] if chosen else None


def _shared_symbols(entries: list[Entry], report: Report) -> None:
    """A draft symbol two sources give to two resolutions: neither is kept (one draft, one
    resolution)."""
    by_symbol: dict[str, list[Entry]] = {}
    for e in entries:
        if e.draft.symbol:
            by_symbol.setdefault(e.draft.symbol, []).append(e)
    for symbol, sharing in by_symbol.items():
        if len(sharing) < 2:
            continue
        numbers = ", ".join(str(e.draft.resolution_number) for e in sharing)
        for e in sharing:
            report.add(
                DiscrepancyKind.DRAFT_SYMBOL_REJECTED,
                subject=e.subject,
                field="symbol",
                rejected=symbol,
                note=f"the sources give the symbol to res. {numbers}; not used",
            )
            e.draft = replace(e.draft, symbol=None)
