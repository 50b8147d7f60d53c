"""Reading resolution titles: which mission a title names, and the mandate end it states.

The UN Digital Library titles of resolutions read like "Security Council resolution 2057 (2012)
[on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 15 July 2013]";
long ones are cut at 150 characters and end in "[...]". A title names a mission by its acronym
in parentheses or by its name (the full name, or a cut-off beginning of it long enough to tell
it from every other mission's name). The end date is read only from "until <day> <month>
<year>" in a title about an extension or renewal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from unsc.missions.models import Mission

TRUNCATED = "[...]"
MIN_PREFIX = 30
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
ABBREVIATIONS = {"Jan.": 1, "Feb.": 2, "Mar.": 3, "Apr.": 4, "Aug.": 8, "Sept.": 9, "Oct.": 10}
ABBREVIATIONS |= {"Nov.": 11, "Dec.": 12}
"""The Library abbreviates most month names in titles ("until 15 Dec. 2011", res. 1986)."""
MONTHS |= ABBREVIATIONS
UNTIL = re.compile(r"\buntil (\d{1,2}) (" + "|".join(re.escape(m) for m in MONTHS) + r") (\d{4})\b")


def _short(name: str) -> str:
    return name.replace("United Nations", "UN").replace("The UN", "UN")


@lru_cache(maxsize=4)
def _names(missions: tuple[Mission, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((m.acronym, _short(m.name)) for m in missions)


def _unique_prefix(prefix: str, acronym: str, names: Iterable[tuple[str, str]]) -> bool:
    return all(not name.startswith(prefix) for other, name in names if other != acronym)


def mission_of(title: str, missions: tuple[Mission, ...]) -> str | None:
    """The acronym of the one mission a title names, else ``None`` (none, or ambiguous)."""
    text = title.split("[", 1)[1] if "[" in title else title
    cut = text.endswith(TRUNCATED)
    text = text.removesuffix(TRUNCATED).rstrip("]").strip()
    names = _names(missions)
    found = {a for a, _ in names if f"({a})" in text}
    for acronym, name in names:
        if name in text:
            found.add(acronym)
        elif cut:
            # The longest tail of the title that begins the mission's name.
            head = name[:3]
            start = text.find(head)
            while start != -1 and len(text) - start >= MIN_PREFIX:
                tail = text[start:]
                if name.startswith(tail) and _unique_prefix(tail, acronym, names):
                    found.add(acronym)
                    break
                start = text.find(head, start + 1)
    # A mission whose name contains another's (UNOSOM in UNOSOM II) is named by the longer one.
    longest = {a for a in found if not any(a != b and a in b for b in found)}
    return next(iter(longest)) if len(longest) == 1 else None


def _extends(lowered: str) -> bool:
    # "extention" is how the Library spells it in the title of res. 1573 (2004).
    return any(word in lowered for word in ("extension", "extention", "renewal", "extending"))


def mandate_end_of(title: str) -> date | None:
    """The "until <date>" of a title about an extension or renewal, if the title gives it."""
    if not _extends(title.lower()):
        return None
    match = UNTIL.search(title)
    if match is None:
        return None
    day, month, year = match.groups()
    try:
        return date(int(year), MONTHS[month], int(day))
    except ValueError:
        return None


def hint_of(title: str) -> str:
    """``extension_of_mandate``, ``establishment``, ``termination`` or ``other``."""
    lowered = title.lower()
    if _extends(lowered):
        return "extension_of_mandate"
    if "establishment" in lowered or "establishing" in lowered:
        return "establishment"
    if "termination" in lowered or "withdrawal" in lowered:
        return "termination"
    return "other"
