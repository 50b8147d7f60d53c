"""The values of a live Council session: its Council, delegations, questions and ballots.

A session is a simulated meeting of the Security Council: a chair puts questions to the vote,
each delegation votes from its own device, and the rules engine (:mod:`unsc.rules`) decides each
question at the close exactly as ``unsc decide`` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypedDict

from unsc.council import config_for_date, council_preset, council_presets
from unsc.errors import InputError
from unsc.membership import members_on
from unsc.states import is_state_code, state
from unsc.types import Matter, Vote, parse_date

#: Longest title or agenda item a session keeps (characters).
MAX_TITLE = 300
MAX_AGENDA = 2000
_CODE = re.compile(r"^[A-Z][A-Z0-9-]{1,11}$")


class Role(StrEnum):
    """Who holds a link: the chair, one delegation, or the read-only projector."""

    CHAIR = "chair"
    DELEGATION = "delegation"
    PROJECTOR = "projector"


class QuestionKind(StrEnum):
    """What the chair puts to the vote.

    A draft resolution is a non-procedural matter (Charter Art. 27(3)); an amendment is voted as
    a non-procedural matter, before the draft it amends (provisional rules of procedure,
    S/96/Rev.7, rule 36); a procedural motion needs nine votes and no veto applies (Art. 27(2));
    the preliminary question "is the matter procedural?" is itself non-procedural (San Francisco
    Four-Power statement, 7 June 1945), which makes the double veto possible.
    """

    DRAFT = "draft"
    AMENDMENT = "amendment"
    PROCEDURAL = "procedural"
    PRELIMINARY = "preliminary"

    @property
    def matter(self) -> Matter:
        return {
            QuestionKind.DRAFT: Matter.SUBSTANTIVE,
            QuestionKind.AMENDMENT: Matter.AMENDMENT,
            QuestionKind.PROCEDURAL: Matter.PROCEDURAL,
            QuestionKind.PRELIMINARY: Matter.PRELIMINARY,
        }[self]

    @classmethod
    def parse(cls, text: str) -> QuestionKind:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(k.value for k in cls)
            raise InputError(f"unknown kind {text!r}: use one of {names}", field="kind") from None


class Status(StrEnum):
    """A question is pending until the chair opens the vote, then open, then closed."""

    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"


#: The votes a delegation casts itself; not voting and absence follow from the roll call.
CASTABLE = (Vote.YES, Vote.NO, Vote.ABSTAIN)


def parse_ballot(text: str) -> Vote:
    vote = Vote.parse(text)
    if vote not in CASTABLE:
        raise InputError(f"a delegation votes yes, no or abstain, not {text!r}", field="vote")
    return vote


class DelegationDict(TypedDict):
    """A delegation as a session stores and sends it."""

    code: str
    name: str
    veto: bool


class SessionCouncilDict(TypedDict):
    """A session's Council as its state sends it: what the chair gave (``spec``), the
    configuration it resolved to, that day (``date``, none for a preset) and the rule."""

    spec: str
    config: str
    date: str | None
    custom: bool
    quota: int
    procedural_quota: int
    veto_threshold: int


class StoredCouncilDict(SessionCouncilDict):
    """A session's Council as the store keeps it: with its delegations."""

    delegations: list[DelegationDict]


@dataclass(frozen=True, slots=True)
class Delegation:
    """One seat at the table: its code (a state or a seat id), its name, whether it holds a veto."""

    code: str
    name: str
    veto: bool

    def to_dict(self) -> DelegationDict:
        return {"code": self.code, "name": self.name, "veto": self.veto}


@dataclass(frozen=True, slots=True)
class SessionCouncil:
    """The Council a session simulates and the rule that decides its votes.

    ``spec`` is what the chair gave: a date (that day's real members and rule), a preset id
    (voted by seat id, e.g. ``P-RUS``) or either with a custom list of delegations.
    """

    spec: str
    config: str
    on: str | None
    custom: bool
    quota: int
    procedural_quota: int
    veto_threshold: int
    delegations: tuple[Delegation, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.delegations)

    @property
    def veto_holders(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.delegations if d.veto)

    def council_dict(self) -> SessionCouncilDict:
        """The Council as a session's state sends it (the delegations go apart, each with its
        place at the roll call)."""
        return {
            "spec": self.spec,
            "config": self.config,
            "date": self.on,
            "custom": self.custom,
            "quota": self.quota,
            "procedural_quota": self.procedural_quota,
            "veto_threshold": self.veto_threshold,
        }

    def to_dict(self) -> StoredCouncilDict:
        """The Council as the store keeps it, with its delegations."""
        return {**self.council_dict(), "delegations": [d.to_dict() for d in self.delegations]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionCouncil:
        return cls(
            spec=data["spec"],
            config=data["config"],
            on=data["date"],
            custom=data["custom"],
            quota=data["quota"],
            procedural_quota=data["procedural_quota"],
            veto_threshold=data["veto_threshold"],
            delegations=tuple(
                Delegation(d["code"], d["name"], d["veto"]) for d in data["delegations"]
            ),
        )


def _name(code: str, on: date | None) -> str:
    if is_state_code(code):
        from unsc.states import name_on

        try:
            return name_on(code, on) if on is not None else state(code).name
        except InputError:
            return state(code).name
    return code


def _custom_codes(members: Sequence[str], size: int) -> list[str]:
    codes = [m.strip().upper() for m in members]
    for code in codes:
        if not _CODE.match(code):
            raise InputError(
                f"delegation code {code!r}: use 2-12 letters, digits or '-', letter first",
                field="members",
            )
    if len(set(codes)) != len(codes):
        raise InputError("a delegation is named twice in members", field="members")
    if len(codes) != size:
        raise InputError(
            f"this Council has {size} seats; members names {len(codes)} delegations",
            field="members",
        )
    return codes


def council_for(spec: str, members: Sequence[str] | None = None) -> SessionCouncil:
    """The Council of a session from what the chair gave.

    - a date ``YYYY-MM-DD``: the members sitting that day and the rule of that day;
    - a preset id (``unsc presets``): its seats (``P-RUS``, ``E1``...) and its rule;
    - either with ``members``: those delegations, as many as the Council has seats. Under a
      date a delegation holds a veto if it held a permanent seat that day; under a preset the
      delegations take the seats in the preset's order (permanent seats first).
    """
    text = spec.strip()
    if not text:
        raise InputError("give a council: a date YYYY-MM-DD or a preset id", field="council")
    if text[:1].isdigit():
        on = parse_date(text, "council")
        config = config_for_date(on)
        sitting = members_on(on)
        permanent = {m.code for m in sitting if m.permanent}
        if members:
            codes = _custom_codes(members, len(sitting))
            delegations = tuple(Delegation(c, _name(c, on), c in permanent) for c in codes)
        else:
            delegations = tuple(Delegation(m.code, m.name, m.permanent) for m in sitting)
        day: str | None = on.isoformat()
    else:
        if text.lower() not in council_presets():
            council_preset(text)  # raises the error that lists the presets
        config = council_preset(text)
        day = None
        if members:
            codes = _custom_codes(members, config.size)
            delegations = tuple(
                Delegation(c, _name(c, None), seat.veto)
                for c, seat in zip(codes, config.seats, strict=True)
            )
        else:
            delegations = tuple(Delegation(s.seat_id, s.seat_id, s.veto) for s in config.seats)
    return SessionCouncil(
        spec=text,
        config=config.id,
        on=day,
        custom=bool(members),
        quota=config.quota,
        procedural_quota=config.procedural_quota,
        veto_threshold=config.veto_threshold,
        delegations=delegations,
    )


def clean_text(value: str, field: str, limit: int, *, required: bool = True) -> str:
    """A title or agenda item: trimmed, not empty (when required), not longer than ``limit``.

    The text is kept as typed; pages escape it when they show it.
    """
    text = value.strip()
    if required and not text:
        raise InputError(f"{field} is empty", field=field)
    if len(text) > limit:
        raise InputError(f"{field} is longer than {limit} characters", field=field)
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
        raise InputError(f"{field} holds control characters", field=field)
    return text
