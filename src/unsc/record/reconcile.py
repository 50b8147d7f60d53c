"""Reconcile the sources into one record, writing down every disagreement.

Order of precedence (highest first; ``docs/data.md`` explains each choice):

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
from dataclasses import dataclass, field
from datetime import date

from unsc.record.reconcile_common import (
    LAST_DAY,
    LAST_RESOLUTION,
    Discrepancy,
    Entry,
    Reconciled,
    Report,
    Sources,
    complete_votes,
    contradicts,
    counts,
    far_apart,
    same_tally,
    swapped,
    usable_votes,
)
from unsc.record.reconcile_drafts import failed_drafts, meetings, vetoes
from unsc.record.records import DraftRecord, Tally
from unsc.types import Matter, Outcome, Vote

__all__ = ["LAST_DAY", "Discrepancy", "Entry", "Reconciled", "Report", "Sources", "reconcile"]


def reconcile(sources: Sources) -> Reconciled:
    report = Report()
    resolutions = _resolutions(sources, report)
    drafts = failed_drafts(sources, report)
    vetoes(drafts, sources, report)
    entries = sorted(
        [*resolutions, *drafts],
        key=lambda e: (e.date, e.resolution_number or 0, e.symbol or "", e.meeting_record or ""),
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
                "duplicate_resolution",
                f"S/RES/{n}",
                "resolution_number",
                str(first.where),
                str(r.where),
                [r.where.source_id],
                "the source lists the number twice; the first row is kept",
            )
            continue
        found[n] = r
    return found


def _resolutions(sources: Sources, report: Report) -> list[Entry]:
    undl = _by_number(sources.undl, report)
    wide = _by_number(sources.wide, report)
    olv = _by_number(sources.draft_votes, report)
    lib = _by_number(sources.library, report)
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
        ranked = [r for r in found.values() if r is not None]
        top = ranked[0]
        subject = f"S/RES/{n}"
        when = top.date
        far = found["olv"]
        if far is not None and far is not top and far_apart(far.date, when):
            # A mistyped number in the draft-level votes ("425" for a 2002 resolution).
            report.add(
                "resolution_number",
                subject,
                "resolution_number",
                str(top.where),
                str(far.where),
                [top.where.source_id, far.where.source_id],
                f"{far.where} is dated {far.date}, not {when}: another resolution; not used",
            )
            ranked.remove(far)
            found["olv"] = None
        for other in ranked[1:]:
            if other.date != when:
                kind = "date_day_month_swapped" if swapped(other.date, when) else "date"
                report.add(
                    kind,
                    subject,
                    "date",
                    when,
                    other.date,
                    [top.where.source_id, other.where.source_id],
                    str(other.where),
                )
        if when > LAST_DAY:
            continue
        entry = Entry(
            date=when,
            outcome=Outcome.ADOPTED,
            source_id=top.where.source_id,
            resolution_number=n,
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
                entry.adopted_without_vote = True
                continue
            votes = usable_votes(record, when, report, subject, reference)
            if votes is None:
                continue
            why = contradicts(record, votes, when)
            if why:
                report.add(
                    "votes_contradict_outcome",
                    subject,
                    "votes",
                    "",
                    votes,
                    [record.where.source_id],
                    f"{record.where}: {why}; not used",
                )
                continue
            if not entry.votes:
                entry.votes, entry.votes_source = votes, record.where.source_id
            else:
                _compare_votes(entry, votes, record, report, subject)
        _fill_fields(
            entry,
            [r for k in ("undl", "wide", "olv", "lib") if (r := found[k]) is not None],
            links.get(n),
            report,
            checker,
        )
        entries.append(entry)
    _shared_symbols(entries, report)
    have = {e.resolution_number for e in entries}
    for n in range(1, LAST_RESOLUTION + 1):
        if n not in have:
            report.add(
                "missing_resolution",
                f"S/RES/{n}",
                "resolution_number",
                "",
                "",
                [],
                "no source knows this resolution",
            )
    return entries


def _compare_votes(
    entry: Entry, votes: dict[str, Vote], record: DraftRecord, report: Report, subject: str
) -> None:
    differ = {c: v for c, v in votes.items() if entry.votes.get(c) not in (None, v)}
    if differ:
        report.add(
            "vote",
            subject,
            "votes",
            {c: entry.votes[c] for c in differ},
            differ,
            [entry.votes_source or "", record.where.source_id],
            str(record.where),
        )


def _fill_fields(
    entry: Entry,
    records: list[DraftRecord],
    link: str | None,
    report: Report,
    checker: SymbolCheck | None = None,
) -> None:
    """Take each descriptive field from the first source that has it."""

    def first(attr: str) -> str | None:
        for r in records:
            value = getattr(r, attr)
            if value:
                return str(value)
        return None

    entry.symbol = _choose_symbol(entry, records, link, report, checker or SymbolCheck())
    entry.meeting_record = first("meeting_record")
    entry.agenda = first("agenda")
    entry.title = first("title")
    entry.subjects = first("subjects")
    entry.sponsors = first("sponsors")
    entry.adopted_without_vote = entry.adopted_without_vote or any(
        r.adopted_without_vote for r in records
    )
    for r in records:
        if r.matter is not Matter.SUBSTANTIVE:
            entry.matter = r.matter
    entry.votes = complete_votes(entry.votes, entry.date) if entry.votes else {}
    library = next((r for r in records if r.where.source_id == "undl-meetings"), None)
    if library and library.tally and entry.votes:
        _abstention_or_non_participation(entry, library.tally, report)
    computed = counts(entry.votes) if entry.votes else None
    if library and library.tally and computed and not same_tally(library.tally, computed):
        report.add(
            "tally",
            entry.subject,
            "tally",
            computed,
            library.tally,
            [entry.votes_source or "", "undl-meetings"],
            str(library.where),
        )
    entry.tally = computed or (library.tally if library else None)
    if entry.tally is None and not entry.adopted_without_vote:
        entry.tally = next((r.tally for r in records if r.tally), None)


CHINA_ABSTAINS = (date(1971, 10, 25), date(1981, 12, 31))


def _abstention_or_non_participation(entry: Entry, reference: Tally, report: Report) -> None:
    """Undo non-participation coded as abstention (the UN Library's meetings tables,
    www.un.org/depts/dhl/resguide/scact.htm, do not count members that did not take part, as
    China in 1971-76).

    When the votes count ``k`` more abstentions than the Library tally and agree on yes and no,
    the abstainers become ``not_voting`` if there are exactly ``k`` of them, or China alone if
    ``k`` is 1 and China is among them between 25 Oct 1971 (GA res. 2758 (XXVI)) and the end
    of 1981, the years it did not take part in votes on peacekeeping operations.
    """
    have = counts(entry.votes)
    extra = have.abstain - reference.abstain
    if extra <= 0 or (have.yes, have.no) != (reference.yes, reference.no):
        return
    abstainers = sorted(c for c, v in entry.votes.items() if v is Vote.ABSTAIN)
    if len(abstainers) == extra:
        chosen = abstainers
    elif (
        extra == 1 and "CHN" in abstainers and CHINA_ABSTAINS[0] <= entry.date <= CHINA_ABSTAINS[1]
    ):
        chosen = ["CHN"]
    else:
        return
    for code in chosen:
        entry.votes[code] = Vote.NOT_VOTING
    report.add(
        "non_participation_coded_as_abstention",
        entry.subject,
        "votes",
        {c: Vote.NOT_VOTING.value for c in chosen},
        {c: Vote.ABSTAIN.value for c in chosen},
        [entry.votes_source or "", "undl-meetings"],
        f"the Library tally {reference.text()} does not count them",
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
    number = entry.resolution_number or 0
    chosen: tuple[str, str] | None = None
    rejected: list[tuple[str, str, str]] = []
    for symbol, source_id in offered:
        why = checker.why_not(symbol, source_id, number, entry.date.year)
        if why:
            rejected.append((symbol, source_id, why))
        elif chosen is None:
            chosen = (symbol, source_id)
    for symbol, source_id, why in rejected:
        if chosen is not None and symbol == chosen[0]:
            continue  # another source gives the same symbol without a doubt
        report.add(
            "draft_symbol_rejected",
            entry.subject,
            "symbol",
            chosen[0] if chosen else "",
            symbol,
            [source_id],
            f"{why}; not used",
        )
    if chosen is not None:
        for symbol, source_id in offered:
            if symbol != chosen[0] and all(symbol != r[0] for r in rejected):
                report.add(
                    "draft_symbol",
                    entry.subject,
                    "symbol",
                    chosen[0],
                    symbol,
                    [chosen[1], source_id],
                )
    return chosen[0] if chosen else None


def _shared_symbols(entries: list[Entry], report: Report) -> None:
    """A draft symbol two sources give to two resolutions: neither is kept (one draft, one
    resolution)."""
    by_symbol: dict[str, list[Entry]] = {}
    for e in entries:
        if e.symbol:
            by_symbol.setdefault(e.symbol, []).append(e)
    for symbol, sharing in by_symbol.items():
        if len(sharing) < 2:
            continue
        numbers = ", ".join(str(e.resolution_number) for e in sharing)
        for e in sharing:
            report.add(
                "draft_symbol_rejected",
                e.subject,
                "symbol",
                "",
                symbol,
                [],
                f"the sources give the symbol to res. {numbers}; not used",
            )
            e.symbol = None
