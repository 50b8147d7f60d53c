"""The options of the Secretary-General's internal review of MINUSMA (S/2023/36, January 2023).

Read from ``unsc/data/minusma_options.csv``; each row cites S/2023/36 and a report of it
(S/2023/402 refers to it). At the time MINUSMA had 12,388 troops of 13,289 authorised and 1,598
police of 1,920. Each option is treated as the draft resolution that would have carried it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from unsc._data import curated_rows
from unsc.errors import RecordError


class DraftOptionDict(TypedDict):
    """A :class:`DraftOption` as sent (``number`` as ``option``), with what its draft does."""

    option: int
    title: str
    summary: str
    military_change: int
    military_ceiling: int
    police_ceiling: int
    keeps_uniformed_units: bool
    action: str
    source: str


@dataclass(frozen=True)
class DraftOption:
    number: int
    title: str
    summary: str
    military_change: int
    military_ceiling: int
    police_ceiling: int
    source: str

    @property
    def keeps_uniformed_units(self) -> bool:
        return self.military_ceiling > 0 or self.police_ceiling > 0

    @property
    def action(self) -> str:
        """What the option's draft does to the mandate (the forecast's ``action``): withdrawing
        the uniformed units draws the mission down; keeping or raising them renews the mandate
        with changes (S/2023/36 proposed each with a reconfigured mission)."""
        return "renew_with_changes" if self.keeps_uniformed_units else "draw_down"

    def to_dict(self) -> DraftOptionDict:
        return {
            "option": self.number,
            "title": self.title,
            "summary": self.summary,
            "military_change": self.military_change,
            "military_ceiling": self.military_ceiling,
            "police_ceiling": self.police_ceiling,
            "keeps_uniformed_units": self.keeps_uniformed_units,
            "action": self.action,
            "source": self.source,
        }


@lru_cache(maxsize=1)
def load_options() -> tuple[DraftOption, ...]:
    file = "minusma_options.csv"
    options = []
    for line, row in curated_rows(file):
        try:
            options.append(
                DraftOption(
                    number=int(row["option"]),
                    title=row["title"],
                    summary=row["summary"],
                    military_change=int(row["military_change"]),
                    military_ceiling=int(row["military_ceiling"]),
                    police_ceiling=int(row["police_ceiling"]),
                    source=row["source"],
                )
            )
        except ValueError as exc:
            raise RecordError(f"not a whole number ({exc})", file=file, line=line) from None
    return tuple(options)
