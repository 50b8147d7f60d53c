"""The record's pages and their JSON twins: a resolution or draft, a member, the vetoes, search.

The queries are :mod:`unsc.record.query`'s; this module adds what a page shows beside them: the
vote board (every seat of that day's Council with its vote), the rules engine's sentence that
explains the outcome, and the counts behind the charts.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, NotRequired, TypedDict
from urllib.parse import urlencode

from unsc.council import config_for_date
from unsc.errors import UnscError
from unsc.membership import FIRST_DAY, last_known_day, members_on, terms_of
from unsc.record import query
from unsc.record.params import member_code
from unsc.record.values import (
    AgreementDict,
    CastVoteDict,
    Draft,
    Resolution,
    VetoCountDict,
    VetoDict,
)
from unsc.rules import decide
from unsc.rules.decision import DecisionDict
from unsc.states import is_state_code, state
from unsc.types import Matter, Outcome, Vote

#: Codes of the states that have held a permanent seat (Charter Art. 23(1); TWN to 25 Oct 1971,
#: SUN to 24 Dec 1991), used when the membership table does not cover a date.
PERMANENT_CODES = frozenset({"CHN", "FRA", "RUS", "GBR", "USA", "TWN", "SUN"})

#: The permanent seats, by today's holder, for the agreement chart.
P5 = ("CHN", "FRA", "RUS", "GBR", "USA")

_RESOLUTION = re.compile(
    r"^\s*(?:S/RES/|RES\.?\s*|RESOLUTION\s+)?(\d{1,5})(?:\s*\(\d{4}\))?\s*$", re.I
)
_SYMBOL = re.compile(r"^\s*S/\d{4}/\d+", re.I)


class Seat(TypedDict):
    """A seat of a recorded vote's board: the member, its name, whether it holds a veto, and
    its vote (``unknown`` when the record has none)."""

    id: str
    label: str
    veto: bool
    vote: str


class Board(TypedDict):
    """The vote board of a resolution or draft and the rules engine's reading of its votes."""

    seats: list[Seat]
    decision: DecisionDict | None
    agrees: bool | None
    """Whether the engine's outcome is the record's (None when no vote is recorded)."""
    simulate: NotRequired[str]
    """The simulator set up with these votes (when the engine decided them)."""


class WithBoard(TypedDict):
    """What a resolution's or draft's page adds to the record's answer."""

    board: Board


#: ``unsc resolution N --json`` with the vote board.
ResolutionView = Annotated[dict[str, Any], Resolution, WithBoard]
#: ``unsc draft S --json`` with the vote board.
DraftView = Annotated[dict[str, Any], Draft, WithBoard]


class Term(TypedDict):
    seat: str
    start: str
    end: str | None


class VotesInYear(TypedDict):
    """How many times a member voted each way in a year."""

    year: int
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int


class MemberView(TypedDict):
    """A member's page: terms, votes by year, agreement with each permanent member by year,
    its last 200 votes other than yes, and how many votes it cast in all."""

    code: str
    name: str
    terms: list[Term]
    votes_by_year: list[VotesInYear]
    agreement: dict[str, list[AgreementDict]]
    not_yes: list[CastVoteDict]
    total_votes: int


class DecadeVetoes(TypedDict):
    decade: str
    vetoes: dict[str, int]
    """Vetoes cast in the decade, by member."""


class TopicVetoes(TypedDict):
    topic: str
    drafts: int


class VetoesSummary(TypedDict):
    """The vetoes page: vetoes by member, by decade (split by member), by topic, and the list."""

    drafts_vetoed: int
    by_member: list[VetoCountDict]
    by_decade: list[DecadeVetoes]
    by_topic: list[TopicVetoes]
    vetoes: list[VetoDict]


def _members_of(on: date) -> list[dict[str, Any]]:
    if FIRST_DAY <= on <= last_known_day():
        return [{"code": m.code, "name": m.name, "permanent": m.permanent} for m in members_on(on)]
    return []


def board(record: dict[str, Any]) -> Board:
    """The vote board of a resolution or draft, and the rules engine's reading of its votes.

    Seats are that day's members (permanent first); a member without a recorded vote shows as
    ``unknown``. When votes are recorded, the engine decides the question from them (a member
    with no vote counted as not voting) and its outcome is set beside the record's.
    """
    on = date.fromisoformat(record["date"])
    recorded: dict[str, str] = dict(record.get("votes") or {})
    names = {m["code"]: m["name"] for m in record.get("members") or []}
    sitting = _members_of(on)
    seats: list[Seat] = []
    for m in sitting:
        seats.append(
            {
                "id": m["code"],
                "label": m["name"],
                "veto": m["permanent"],
                "vote": recorded.get(m["code"], "unknown"),
            }
        )
    known = {s["id"] for s in seats}
    for code, vote in recorded.items():
        if code not in known:  # a vote by a state the membership table does not seat that day
            seats.append(
                {
                    "id": code,
                    "label": names.get(code, code),
                    "veto": code in PERMANENT_CODES,
                    "vote": vote,
                }
            )
    seats.sort(key=lambda s: (not s["veto"], s["label"]))
    result: Board = {"seats": seats, "decision": None, "agrees": None}
    matter = Matter(record.get("matter") or "substantive")
    if recorded and not record.get("adopted_without_vote"):
        votes = {
            s["id"]: Vote.NOT_VOTING if s["vote"] == "unknown" else Vote(s["vote"]) for s in seats
        }
        config = config_for_date(on)
        try:
            decision = decide(
                votes,
                veto_holders=[s["id"] for s in seats if s["veto"]],
                quota=config.quota,
                procedural_quota=config.procedural_quota,
                matter=matter,
                council=config.id,
            )
        except UnscError:
            return result
        result["decision"] = decision.to_dict()
        result["agrees"] = decision.outcome is Outcome(record["outcome"])
        result["simulate"] = simulate_url(
            record["date"], seats, matter.value, record.get("agenda") or record.get("title")
        )
    return result


def simulate_url(
    on: str, seats: Sequence[Mapping[str, Any]], matter: str, agenda: str | None = None
) -> str:
    """The simulator, set up with these votes (to rehearse the vote with changes)."""
    params: dict[str, str] = {"date": on}
    if matter != "substantive":
        params["matter"] = matter
    sitting = {m["code"] for m in _members_of(date.fromisoformat(on))}
    for vote in ("no", "abstain", "not_voting", "absent"):
        codes = [
            s["id"]
            for s in seats
            if s["id"] in sitting
            and (s["vote"] == vote or (vote == "not_voting" and s["vote"] == "unknown"))
        ]
        if codes:
            params[vote] = ",".join(codes)
    if agenda:
        params["agenda"] = agenda[:300]
    return "/simulate?" + urlencode(params)


def resolution_view(conn: sqlite3.Connection, number: int) -> ResolutionView:
    """A resolution (``unsc.record.query.resolution``) with its vote board and explanation."""
    found = query.resolution(conn, number)
    return {**found, "board": board(found)}


def draft_view(conn: sqlite3.Connection, symbol: str) -> DraftView:
    """A draft (``unsc.record.query.draft``) with its vote board and explanation."""
    found = query.draft(conn, symbol)
    return {**found, "board": board(found)}


def member_view(conn: sqlite3.Connection, code: str) -> MemberView:
    """A member: its terms on the Council, its votes by year, agreement with each permanent
    member by year (``unsc.record.query.agreement``, holders of a seat counted together)."""
    the_code = member_code(conn, code)
    votes = query.member_votes(conn, the_code)
    by_year: dict[int, Counter[str]] = defaultdict(Counter)
    for row in votes:
        by_year[int(row["date"][:4])][row["vote"]] += 1
    agreement: dict[str, list[AgreementDict]] = {}
    for other in P5:
        try:
            agreement[other] = query.agreement(conn, the_code, other, seat=True)
        except UnscError:
            continue  # the member is, or held the seat of, this permanent member
    name = state(the_code).name if is_state_code(the_code) else the_code
    return {
        "code": the_code,
        "name": name,
        "terms": [
            {
                "seat": t.seat_id,
                "start": t.start.isoformat(),
                "end": t.end.isoformat() if t.end else None,
            }
            for t in terms_of(the_code)
        ],
        "votes_by_year": [
            {
                "year": y,
                "yes": by_year[y][Vote.YES],
                "no": by_year[y][Vote.NO],
                "abstain": by_year[y][Vote.ABSTAIN],
                "not_voting": by_year[y][Vote.NOT_VOTING],
                "absent": by_year[y][Vote.ABSENT],
            }
            for y in sorted(by_year)
        ],
        "agreement": agreement,
        "not_yes": [r for r in votes if r["vote"] != "yes"][-200:],
        "total_votes": len(votes),
    }


#: Short names for the holders of the permanent seats, for chart labels.
SHORT_NAMES = {
    "SUN": "USSR",
    "RUS": "Russia",
    "GBR": "United Kingdom",
    "USA": "United States",
    "CHN": "China",
    "TWN": "Republic of China",
    "FRA": "France",
}


def short_name(code: str, name: str | None = None) -> str:
    return SHORT_NAMES.get(code) or name or code


def topic(agenda: str | None) -> str:
    """A short topic for an agenda item: "The situation in the Middle East" -> "Middle East".

    Letters and complaints are filed under what they concern ("Letter dated ... concerning
    Cyprus" -> "Cyprus"); the rest of an item after a colon, dash or bracket is dropped.
    """
    text = " ".join((agenda or "").split()).rstrip(".")
    if not text:
        return "(no agenda recorded)"
    concerning = re.search(
        r"\b(?:concerning|regarding|relating to|on)\s+(?:the\s+)?(.+)", text, re.I
    )
    letter = re.match(r"^(letters?|cablegram|telegram)\b", text, re.I)
    if re.match(r"^(letters?|complaints?|cablegram|telegram)\b", text, re.I) and concerning:
        text = concerning.group(1)
    elif letter:
        sender = re.search(r"\bfrom\s+(?:the\s+)?(.+?)(?:\s+to\s+the\s+|\s*\(|,|\s+S/|$)", text)
        return f"Letter from {sender.group(1)}" if sender else "Letters"
    text = re.sub(
        r"^(the\s+)?(situation|question|questions)\s+(in|of|concerning|regarding|relating to|"
        r"on|between)\s+(the\s+)?",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    text = re.split(r"[:;,(]| - | – ", text, maxsplit=1)[0].strip()
    text = re.sub(r"\s+(situation|question)$", "", text, flags=re.I)
    return (text[:1].upper() + text[1:50]) if text else "(no agenda recorded)"


def vetoes_summary(conn: sqlite3.Connection) -> VetoesSummary:
    """Vetoes counted by member, by decade (split by member) and by topic, and the list."""
    rows = query.vetoes(conn)
    by_member = query.veto_counts(conn)
    decades: dict[str, Counter[str]] = defaultdict(Counter)
    topics: Counter[str] = Counter()
    for r in rows:
        decade = f"{r['date'][:3]}0s"
        for code in r["vetoed_by"]:
            decades[decade][code] += 1
        topics[topic(r["agenda"])] += 1
    return {
        "drafts_vetoed": len(rows),
        "by_member": by_member,
        "by_decade": [
            {"decade": d, "vetoes": dict(sorted(decades[d].items()))} for d in sorted(decades)
        ],
        "by_topic": [{"topic": t, "drafts": n} for t, n in topics.most_common()],
        "vetoes": rows,
    }


def search_target(text: str) -> str | None:
    """Where a search goes straight to: a resolution number, a draft symbol or a member code."""
    found = _RESOLUTION.match(text)
    if found:
        return f"/resolutions/{int(found.group(1))}"
    if _SYMBOL.match(text):
        return f"/drafts/{text.strip().upper()}"
    if re.fullmatch(r"\s*[A-Za-z]{3}\s*", text) and is_state_code(text.strip().upper()):
        return f"/members/{text.strip().upper()}"
    return None
