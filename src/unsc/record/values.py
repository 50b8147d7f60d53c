"""Typed, frozen values for the answers of the record's queries.

The query functions (:mod:`unsc.record.query`) return plain dicts, the shape of ``--json`` and
of the HTTP API. :class:`unsc.record.Record` turns each into one of the values below with
:meth:`RecordValue.from_dict`: dates become :class:`~datetime.date`, votes :class:`Vote`,
outcomes :class:`Outcome`, lists tuples. A key the value has no field for is kept in ``extra``
rather than lost, so a query can grow a key before its value grows the field; adding the field
is one line here. :meth:`RecordValue.to_dict` gives the query's dict back.

Each value has an alias for the query's dict it is read from (``VetoDict``: a ``dict`` that is
a :class:`Veto` as ``to_dict`` writes it), ``Annotated`` with its value, so that the HTTP API's
response schemas are generated from the values (:mod:`unsc.web.schemas`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from typing import Annotated, Any, ClassVar, Self, TypedDict

from unsc.record.records import Kind, VoteLine
from unsc.types import Matter, Outcome, Vote


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _optional(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else kind(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _votes(value: Any) -> Mapping[str, Vote]:
    return {code: Vote(vote) for code, vote in (value or {}).items()}


def _members(value: Any) -> tuple[MemberVote, ...]:
    return tuple(MemberVote.from_dict(m) for m in value or ())


def _summaries(value: Any) -> tuple[DraftSummary, ...]:
    return tuple(DraftSummary.from_dict(s) for s in value or ())


#: How a query's value becomes a typed one, by key; the same key means the same thing in
#: every query. Keys not named here are taken as they are.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "date": _date,
    "first": _date,
    "last": _date,
    "matter": _optional(Matter),
    "outcome": _optional(Outcome),
    "vote": Vote,
    "votes": _votes,
    "vetoed_by": _strings,
    "sponsors": _strings,
    "members": _members,
    "other_votes": _summaries,
    "vote_line": _optional(VoteLine),
    "kind": _optional(Kind),
    "amendments": lambda value: tuple(dict(a) for a in value or ()),
}


def _plain(value: Any) -> Any:
    if isinstance(value, RecordValue):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


class RecordValue:
    """Base of the record's values: built from a query's dict, and back to it."""

    __slots__ = ()

    #: Query keys that are not Python names, mapped to their field (``with`` -> ``with_``).
    _RENAMED: ClassVar[Mapping[str, str]] = {}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The value of one query answer; keys without a field go to ``extra``."""
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            name = cls._RENAMED.get(key, key)
            if name in names and name != "extra":
                convert = _CONVERT.get(key)
                kwargs[name] = convert(value) if convert is not None else value
            else:
                extra[key] = value
        kwargs["extra"] = extra
        return cls(**kwargs)

    def to_dict(self) -> dict[str, Any]:
        """The query's dict again: ISO dates, enum values, lists (the ``--json`` shape)."""
        back = {field_name: key for key, field_name in self._RENAMED.items()}
        out: dict[str, Any] = {}
        for f in fields(self):  # type: ignore[arg-type]
            if f.name != "extra":
                out[back.get(f.name, f.name)] = _plain(getattr(self, f.name))
        extra: Mapping[str, Any] = getattr(self, "extra")  # noqa: B009
        out.update(extra)
        return out


def _extra() -> Any:
    return field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class MemberVote(RecordValue):
    """One member's vote on a question, with its name on that date."""

    code: str
    name: str
    vote: Vote
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class DraftSummary(RecordValue):
    """Another vote under the same symbol (a draft voted in parts, or again)."""

    draft_id: int
    symbol: str | None
    date: date
    matter: Matter | None
    outcome: Outcome
    resolution_number: int | None
    yes: int | None
    no: int | None
    abstain: int | None
    vetoed_by: tuple[str, ...] = ()
    kind: Kind | None = None
    vote_line: VoteLine | None = None
    extra: Mapping[str, Any] = _extra()


class Amendment(TypedDict):
    """An amendment put to the vote on a draft, as the draft's ``amendments`` list it."""

    symbol: str | None
    date: str
    outcome: str
    yes: int | None
    no: int | None
    abstain: int | None
    vetoed_by: str | None
    """The vetoing members' codes joined by ``;``, or None."""


@dataclass(frozen=True, slots=True)
class Resolution(RecordValue):
    """An adopted resolution: its draft, tally and each member's vote (``unsc resolution``)."""

    number: int
    symbol: str | None
    date: date
    title: str | None
    draft: str | None
    agenda: str | None
    meeting_record: str | None
    matter: Matter | None
    outcome: Outcome
    yes: int | None
    no: int | None
    abstain: int | None
    not_voting: int | None
    absent: int | None
    adopted_without_vote: bool
    votes: Mapping[str, Vote]
    members: tuple[MemberVote, ...]
    source: str | None
    vote_line: VoteLine | None = None
    """How the decision was taken: voted, without_vote, consensus, paragraphs."""
    kind: Kind | None = None
    """draft, amendment, membership or preliminary."""
    amends: str | None = None
    amendments: tuple[Amendment, ...] = ()
    matter_source: str | None = None
    in_library_counts: bool = True
    in_library_lists: bool = True
    """False for a vote only a curated file adds (``record_unlisted_vetoes.csv``)."""
    ref: str | None = None
    """The curated id of a vote no document symbol names (``S/PV.704#MNG``)."""
    votes_derived: bool = False
    """True when the member votes were derived from the tally and the Council of the day."""
    votes_cited: str | None = None
    """Where curated member votes come from (``record_member_votes.csv:LINE: source``)."""
    tally_text: str | None = None
    """The vote line as printed: "9-0-5, China not participating", "adopted without a vote"."""
    extra: Mapping[str, Any] = _extra()

    @property
    def tally(self) -> str:
        """In favour-against-abstaining, as the UN writes it (``?`` for an unknown count)."""
        return "-".join("?" if n is None else str(n) for n in (self.yes, self.no, self.abstain))


@dataclass(frozen=True, slots=True)
class Draft(RecordValue):
    """A question put to the vote, by symbol: outcome, tally, vetoes, votes (``unsc draft``)."""

    draft_id: int
    symbol: str | None
    date: date
    meeting_record: str | None
    agenda: str | None
    title: str | None
    subjects: str | None
    sponsors: tuple[str, ...]
    matter: Matter | None
    outcome: Outcome
    resolution_number: int | None
    yes: int | None
    no: int | None
    abstain: int | None
    not_voting: int | None
    absent: int | None
    adopted_without_vote: bool
    vetoed_by: tuple[str, ...]
    votes: Mapping[str, Vote]
    members: tuple[MemberVote, ...]
    source: str | None
    other_votes: tuple[DraftSummary, ...] = ()
    vote_line: VoteLine | None = None
    """How the decision was taken: voted, without_vote, consensus, paragraphs."""
    kind: Kind | None = None
    """draft, amendment, membership or preliminary."""
    amends: str | None = None
    amendments: tuple[Amendment, ...] = ()
    matter_source: str | None = None
    in_library_counts: bool = True
    in_library_lists: bool = True
    """False for a vote only a curated file adds (``record_unlisted_vetoes.csv``)."""
    ref: str | None = None
    """The curated id of a vote no document symbol names (``S/PV.704#MNG``)."""
    votes_derived: bool = False
    """True when the member votes were derived from the tally and the Council of the day."""
    votes_cited: str | None = None
    """Where curated member votes come from (``record_member_votes.csv:LINE: source``)."""
    tally_text: str | None = None
    """The vote line as printed: "9-0-5, China not participating", "adopted without a vote"."""
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class Veto(RecordValue):
    """A vetoed draft and the members that vetoed it (``unsc vetoes``)."""

    date: date
    symbol: str | None
    meeting_record: str | None
    agenda: str | None
    matter: Matter | None
    outcome: Outcome
    vetoed_by: tuple[str, ...]
    yes: int | None
    no: int | None
    abstain: int | None
    draft_id: int
    kind: Kind | None = None
    amends: str | None = None
    in_library_counts: bool = True
    in_library_lists: bool = True
    ref: str | None = None
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class VetoCount(RecordValue):
    """How many drafts a member vetoed; ``alone`` those it vetoed by itself."""

    member: str
    name: str
    vetoes: int
    alone: int
    first: date
    last: date
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class CastVote(RecordValue):
    """A member's vote on one question, with the question's outcome (``unsc votes``)."""

    date: date
    symbol: str | None
    resolution_number: int | None
    agenda: str | None
    matter: Matter | None
    outcome: Outcome
    member: str
    vote: Vote
    yes: int | None
    no: int | None
    abstain: int | None
    draft_id: int
    kind: Kind | None = None
    vote_line: VoteLine | None = None
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class Agreement(RecordValue):
    """How often two members voted alike in a year (``unsc votes --with``)."""

    _RENAMED: ClassVar[Mapping[str, str]] = {"with": "with_"}

    year: int
    member: str
    with_: str
    both_voted: int
    same: int
    opposed: int
    agreement: float
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class YearStats(RecordValue):
    """The Council's work in one year (``unsc stats``; definitions in :mod:`unsc.record.stats`)."""

    year: int
    resolutions: int
    unanimous: int
    unanimity_rate: float | None
    without_vote: int
    abstentions: int
    with_abstentions: int
    vetoed: int
    vetoes_cast: int
    failed: int
    drafts: int
    extra: Mapping[str, Any] = _extra()


@dataclass(frozen=True, slots=True)
class SearchHit(RecordValue):
    """A draft or resolution whose text holds every word searched for (``unsc search``)."""

    draft_id: int
    date: date
    symbol: str | None
    resolution_number: int | None
    outcome: Outcome
    matter: Matter | None
    title: str | None
    agenda: str | None
    extra: Mapping[str, Any] = _extra()


#: The query's dict of each value (what ``to_dict`` writes), for annotations.
ResolutionDict = Annotated[dict[str, Any], Resolution]
DraftDict = Annotated[dict[str, Any], Draft]
VetoDict = Annotated[dict[str, Any], Veto]
VetoCountDict = Annotated[dict[str, Any], VetoCount]
CastVoteDict = Annotated[dict[str, Any], CastVote]
AgreementDict = Annotated[dict[str, Any], Agreement]
YearStatsDict = Annotated[dict[str, Any], YearStats]
SearchHitDict = Annotated[dict[str, Any], SearchHit]
