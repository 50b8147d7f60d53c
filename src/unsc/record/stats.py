"""The Council's work by year: resolutions, unanimity, abstentions, vetoes and failed drafts.

Definitions (also in ``docs/record-queries.md``):

- ``resolutions``: resolutions adopted that year (``resolutions`` table);
- ``without_vote``: of those, adopted without a vote (early practice, e.g. res. 4 of 1946);
- ``unanimous``: of those put to the vote, adopted with every member of the Council in favour
  (11 before 1966, 15 from then: Charter Art. 23 as amended by GA res. 1991 A (XVIII));
- ``unanimity_rate``: ``unanimous / (resolutions - without_vote)``;
- ``abstentions``: abstentions cast on the resolutions; ``with_abstentions``: resolutions with
  at least one;
- ``vetoed``: drafts vetoed (outcome ``vetoed``); ``vetoes_cast``: vetoes cast on them (one per
  vetoing member);
- ``failed``: drafts that failed for want of votes; ``drafts``: every question put to the vote,
  adopted or not.

Drafts, vetoes and failed drafts are counted as the UN Library counts them (its veto list,
research.un.org/en/docs/sc/quick/veto, and meetings tables): amendments and the curated votes
those lists leave out (``drafts.counted = 0``) are apart, unless ``include_amendments``.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from unsc.council import ENLARGED_FROM, size_on
from unsc.record.params import Bound, period

_RESOLUTIONS = """
SELECT substr(r.date, 1, 4) AS year,
       count(*) AS resolutions,
       sum(coalesce(d.adopted_without_vote, 0)) AS without_vote,
       sum(coalesce(d.adopted_without_vote, 0) = 0
           AND d.yes >= (CASE WHEN r.date < ? THEN ? ELSE ? END)) AS unanimous,
       sum(coalesce(d.abstain, 0)) AS abstentions,
       sum(coalesce(d.abstain, 0) > 0) AS with_abstentions
FROM resolutions r LEFT JOIN drafts d ON d.draft_id = r.draft_id
WHERE r.date BETWEEN ? AND ?
GROUP BY year
"""

_DRAFTS = """
SELECT substr(d.date, 1, 4) AS year,
       count(*) AS drafts,
       sum(d.outcome = 'vetoed') AS vetoed,
       sum(d.outcome = 'failed') AS failed
FROM drafts d
WHERE d.date BETWEEN ? AND ? AND d.counted >= ?
GROUP BY year
"""

_VETOES = """
SELECT substr(d.date, 1, 4) AS year, count(*) AS vetoes_cast
FROM vetoes v JOIN drafts d ON d.draft_id = v.draft_id
WHERE d.date BETWEEN ? AND ? AND d.counted >= ?
GROUP BY year
"""

COLUMNS = (
    "year",
    "resolutions",
    "unanimous",
    "unanimity_rate",
    "without_vote",
    "abstentions",
    "with_abstentions",
    "vetoed",
    "vetoes_cast",
    "failed",
    "drafts",
)


def stats_by_year(
    conn: sqlite3.Connection,
    since: Bound = None,
    until: Bound = None,
    *,
    include_amendments: bool = False,
) -> list[dict[str, Any]]:
    """One row per year with a vote in ``[since, until]``, oldest first (columns: ``COLUMNS``)."""
    first, last = period(since, until)
    floor = 0 if include_amendments else 1
    years: dict[str, dict[str, Any]] = {}

    def year_row(year: str) -> dict[str, Any]:
        return years.setdefault(year, {c: 0 for c in COLUMNS} | {"year": int(year)})

    sizes = (ENLARGED_FROM.isoformat(), size_on(date(1946, 1, 1)), size_on(ENLARGED_FROM))
    for r in conn.execute(_RESOLUTIONS, (*sizes, first, last)):
        row = year_row(r["year"])
        for key in ("resolutions", "without_vote", "unanimous", "abstentions", "with_abstentions"):
            row[key] = r[key] or 0
    for r in conn.execute(_DRAFTS, (first, last, floor)):
        row = year_row(r["year"])
        for key in ("drafts", "vetoed", "failed"):
            row[key] = r[key] or 0
    for r in conn.execute(_VETOES, (first, last, floor)):
        year_row(r["year"])["vetoes_cast"] = r["vetoes_cast"]
    for row in years.values():
        voted = row["resolutions"] - row["without_vote"]
        row["unanimity_rate"] = round(row["unanimous"] / voted, 4) if voted else None
    return [years[y] for y in sorted(years)]
