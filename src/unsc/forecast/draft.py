"""Forecast one draft (or a batch): the members' vote probabilities and the outcome distribution.

This is the library entry point the command line, the web API and the MINUSMA case call:
:func:`forecast_draft` for one draft, :func:`forecast_drafts` for many (one model call).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Annotated, TypedDict

from unsc.council import CouncilConfig, config_for_date
from unsc.errors import InputError
from unsc.forecast.dataset import seats_on
from unsc.forecast.features import DraftSpec, check_sponsors
from unsc.forecast.model import VoteModel, load_model
from unsc.forecast.outcome import (
    MemberForecast,
    OutcomeDict,
    OutcomeDistribution,
    Rule,
    VoteMixture,
    VoteProbabilities,
)
from unsc.membership import permanent_seat_of
from unsc.states import is_state_code
from unsc.types import Matter, Vote


@dataclass(frozen=True, slots=True)
class DraftQuery:
    """What a user knows about a draft before the vote."""

    date: date
    agenda: str
    topic: str = ""
    sponsors: tuple[str, ...] = ()
    members: tuple[str, ...] | None = None
    matter: Matter = Matter.SUBSTANTIVE
    assume: Mapping[str, Vote] = field(default_factory=dict)
    id: str | None = None
    action: str = ""
    """What the draft does to a mandate (``renew``, ``terminate``...; "" when unrelated)."""
    host_position: str = ""
    """The host state's position (``consents`` ... ``withdrawn``)."""
    mission: str = ""
    """The mission the draft concerns, when known (its acronym)."""
    rivals: int = 0
    """Other drafts on the same agenda item to be put to the vote the same day."""


def with_mandate(query: DraftQuery, *, known_on: date | None = None) -> DraftQuery:
    """The query with its mission, action and host position filled in where they can be.

    A draft naming a mission (``mission``, or an acronym in the agenda or topic) is a renewal
    unless told otherwise, with the host's position read from the consent events known on
    ``known_on`` (default: the day of the vote); see :func:`unsc.forecast.mandate.infer_act`.
    """
    from dataclasses import replace

    from unsc.forecast.mandate import infer_act

    mission, action, host = infer_act(
        query.mission or None,
        query.agenda,
        query.topic,
        query.date,
        known_on=known_on,
        action=query.action,
        host=query.host_position,
    )
    return replace(query, mission=mission, action=action, host_position=host)


class ForecastDict(TypedDict):
    """A :class:`Forecast` as ``unsc forecast --json`` and ``POST /api/forecast`` send it: the
    draft, the rule it is decided under (``quota``, ``veto_holders``), the votes assumed, how
    contested it is, each member's probabilities and the outcome's."""

    id: str | None
    model_id: str
    trained_through: str
    date: str
    agenda: str
    topic: str | None
    sponsors: list[str]
    matter: Annotated[str, Matter]
    mission: str | None
    action: str | None
    host_position: str | None
    quota: int
    veto_holders: list[str]
    assumed: dict[str, Annotated[str, Vote]]
    contested: float
    members: dict[str, VoteProbabilities]
    outcome: OutcomeDict


@dataclass(frozen=True)
class Forecast:
    """A forecast of one draft, with the model that made it."""

    model_id: str
    trained_through: date
    date: date
    agenda: str
    topic: str
    sponsors: tuple[str, ...]
    matter: Matter
    members: tuple[MemberForecast, ...]
    outcome: OutcomeDistribution
    rule: Rule
    assumed: Mapping[str, Vote]
    mixture: VoteMixture
    id: str | None = None
    action: str = ""
    host_position: str = ""
    mission: str = ""

    def member(self, code: str) -> MemberForecast:
        for m in self.members:
            if m.code == code:
                return m
        raise InputError(f"{code} is not a member on {self.date}", field="member")

    def to_dict(self) -> ForecastDict:
        return {
            "id": self.id,
            "model_id": self.model_id,
            "trained_through": self.trained_through.isoformat(),
            "date": self.date.isoformat(),
            "agenda": self.agenda,
            "topic": self.topic or None,
            "sponsors": list(self.sponsors),
            "matter": self.matter.value,
            "mission": self.mission or None,
            "action": self.action or None,
            "host_position": self.host_position or None,
            "quota": self.rule.quota,
            "veto_holders": list(self.rule.veto_holders),
            "assumed": {c: v.value for c, v in self.assumed.items()},
            "contested": 1.0 - self.mixture.consensus,
            "members": {m.code: m.to_dict() for m in self.members},
            "outcome": self.outcome.to_dict(),
        }


def _members(query: DraftQuery) -> dict[str, str]:
    """Member code -> seat id: the user's list, or the curated membership of that date."""
    if query.members is not None:
        found: dict[str, str] = {}
        for raw in query.members:
            code = raw.strip().upper()
            if not is_state_code(code):
                raise InputError(f"unknown member code {raw!r}", field="members")
            if code in found:
                raise InputError(f"member {code} is listed twice", field="members")
            known = seats_on(query.date)
            found[code] = (known or {}).get(code) or permanent_seat_of(code) or "E"
        return found
    known = seats_on(query.date)
    if known is None:
        raise InputError(
            f"the members on {query.date} are not known: give them with --members", field="members"
        )
    return dict(known)


@cache
def _config(on: date) -> CouncilConfig:
    return config_for_date(on)


def _rule(query: DraftQuery, members: Mapping[str, str]) -> Rule:
    config = _config(query.date)
    if len(members) != config.size:
        raise InputError(
            f"the Council had {config.size} members on {query.date}, not {len(members)}",
            field="members",
        )
    holders = tuple(c for c, s in members.items() if s != "E")
    if len(holders) != len(config.veto_seats):
        raise InputError(
            f"{len(config.veto_seats)} permanent members expected among the members, "
            f"found {len(holders)}",
            field="members",
        )
    return Rule(
        veto_holders=holders,
        quota=config.quota,
        matter=query.matter,
        veto_threshold=config.veto_threshold,
        procedural_quota=config.procedural_quota,
    )


def prepare_query(query: DraftQuery) -> tuple[DraftSpec, Rule]:
    if not query.agenda.strip():
        raise InputError("the agenda item is required", field="agenda")
    members = _members(query)
    rule = _rule(query, members)
    for code in query.assume:
        if code not in members:
            raise InputError(f"assumed vote of {code}, who is not a member", field="assume")
    spec = DraftSpec(
        date=query.date,
        agenda=query.agenda,
        members=members,
        topic=query.topic,
        sponsors=check_sponsors(query.sponsors),
        matter=query.matter,
        action=query.action,
        host_position=query.host_position,
        rivals=query.rivals,
    )
    return spec, rule


def forecast_drafts(model: VoteModel, queries: Sequence[DraftQuery]) -> list[Forecast]:
    """Forecast many drafts with one model call."""
    prepared = [prepare_query(q) for q in queries]
    mixtures = model.mixtures([spec for spec, _ in prepared])
    out = []
    for query, (spec, rule), mixture in zip(queries, prepared, mixtures, strict=True):
        known = mixture.given(query.assume)
        out.append(
            Forecast(
                model_id=model.model_id,
                trained_through=model.trained_through,
                date=query.date,
                agenda=query.agenda,
                topic=query.topic,
                sponsors=spec.sponsors,
                matter=query.matter,
                members=known.marginal(),
                outcome=known.outcome(rule),
                rule=rule,
                assumed=dict(query.assume),
                mixture=known,
                id=query.id,
                action=query.action,
                host_position=query.host_position,
                mission=query.mission,
            )
        )
    return out


def forecast_draft(
    conn: sqlite3.Connection,
    date: date,
    agenda: str,
    topic: str | None = None,
    sponsors: Collection[str] = (),
    members: Sequence[str] | None = None,
    matter: Matter = Matter.SUBSTANTIVE,
    assume: Mapping[str, Vote] | None = None,
    *,
    as_of: date | None = None,
    action: str = "",
    host_position: str = "",
    mission: str = "",
) -> Forecast:
    """Forecast one draft from the record behind ``conn``.

    ``as_of`` trains the model only on drafts before that day (a forecast "as of June 2023"
    must not learn from the vote it forecasts); by default the whole record is used. Assumed
    votes are fixed; the model gives the rest. ``action`` and ``host_position`` say what the
    draft does to a mandate; they are inferred when the draft names a mission
    (:func:`with_mandate`, host events known on ``as_of``).
    """
    model = load_model(conn, as_of=as_of)
    query = DraftQuery(
        date=date,
        agenda=agenda,
        topic=topic or "",
        sponsors=tuple(sponsors),
        members=tuple(members) if members is not None else None,
        matter=matter,
        assume=dict(assume or {}),
        action=action,
        host_position=host_position,
        mission=mission,
    )
    known_on = as_of - timedelta(days=1) if as_of is not None else None
    return forecast_drafts(model, [with_mandate(query, known_on=known_on)])[0]
