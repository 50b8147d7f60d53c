"""Values of the missions package: missions, the resolutions of their mandate chain, lifecycle
phases and host-state consent events.

The vocabulary follows the Council's practice (the Department of Peace Operations'
principles, https://peacekeeping.un.org/en/principles-of-peacekeeping, and the termination
resolutions, e.g. res. 2690 (2023)):
a resolution establishes a mission, renews (extends) or adjusts its mandate, or terminates it;
a mission lives through phases (active, consent withdrawn, terminated, withdrawal, liquidation,
closed); the host state's consent is a time series of its actions, not a boolean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, TypedDict

from unsc.record.records import Tally

Day = date
"""Alias for annotations in classes that have a field named ``date``."""


class MissionStatus(StrEnum):
    """Whether a mission still has a mandate today (per the curated list)."""

    ACTIVE = "active"
    CLOSED = "closed"


class ActionKind(StrEnum):
    """What a resolution did to a mission's mandate (``mandates.csv``, column ``action``)."""

    ESTABLISH = "establish"
    RENEW = "renew"
    """Extends the mandate to a new end date with its tasks and ceilings unchanged."""
    RENEW_WITH_CHANGES = "renew_with_changes"
    """Extends it and changes its tasks, priorities or ceilings (not mainly downward)."""
    DRAW_DOWN = "draw_down"
    """Extends it while cutting ceilings or starting a withdrawal (e.g. res. 2717 (2023))."""
    TERMINATE = "terminate"
    """Ends the mandate (on the end date it sets), or replaces the mission by a successor."""
    OTHER = "other"
    """Changes ceilings or tasks without setting a new end date."""

    @property
    def extends(self) -> bool:
        """Whether a resolution of this kind (normally) sets a new mandate end date."""
        return self in (
            ActionKind.ESTABLISH,
            ActionKind.RENEW,
            ActionKind.RENEW_WITH_CHANGES,
            ActionKind.DRAW_DOWN,
        )

    @property
    def renews(self) -> bool:
        """Whether it extends an existing mandate (a renewal of any kind)."""
        return self.extends and self is not ActionKind.ESTABLISH


class MissionKind(StrEnum):
    """Peacekeeping operation or special political mission (``missions.csv``, ``kind``)."""

    PEACEKEEPING = "peacekeeping"
    POLITICAL = "political"
    """A special political mission with a fixed mandate set by the Council (e.g. UNAMA)."""


class EndCheck(StrEnum):
    """How a curated mandate end date was checked (``mandates.csv``, column ``checked``)."""

    PAGE = "page"
    """Against a public page found with the search tool (named in ``checked_against``)."""
    TITLE = "title"
    """It agrees with the resolution's title in the record ("... until 15 July 2013")."""
    TEXT = "text"
    """Entered from the resolution's known text (its operative paragraph); not checked."""


class HostPosition(StrEnum):
    """What the host state wants of a mission (``consent_events.csv``, column ``position``).

    Consent of the parties is the first principle of peacekeeping (United Nations Peacekeeping
    Operations: Principles and Guidelines, 2008, ch. 3.1): a host may consent, restrict the
    mission, ask for its drawdown or its withdrawal, or take its consent back.
    """

    CONSENTS = "consents"
    RESTRICTS = "restricts"
    REQUESTS_DRAWDOWN = "requests_drawdown"
    REQUESTS_WITHDRAWAL = "requests_withdrawal"
    WITHDRAWS_CONSENT = "withdraws_consent"

    @property
    def severity(self) -> int:
        """0 (consents) to 4 (withdraws consent), in the order of the members."""
        return list(HostPosition).index(self)


class TerminationKind(StrEnum):
    """How a closed mission ended (``missions.csv``, column ``termination``)."""

    RESOLUTION = "resolution"
    """A resolution ended the mandate or arranged the withdrawal (e.g. res. 2690 (2023))."""
    FINAL_MANDATE = "final_mandate"
    """A last extension ran out as the Council had announced (e.g. UNMIL, res. 2333 (2016))."""
    SUCCEEDED = "succeeded"
    """A resolution replaced it by a successor (MONUC by MONUSCO, res. 1925 (2010))."""
    LAPSE = "lapse"
    """No resolution extended it by its end date, e.g. after a veto (UNOMIG, S/2009/310)."""
    HOST_WITHDRAWAL = "host_withdrawal"
    """The host state withdrew its consent and the force left (UNEF I, May 1967)."""


class PhaseKind(StrEnum):
    """A stage of a mission's life; the mandate end date is not the exit date (SC/15341)."""

    ACTIVE = "active"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    TERMINATED = "terminated"
    WITHDRAWAL = "withdrawal"
    LIQUIDATION = "liquidation"
    CLOSED = "closed"


class ConsentEventKind(StrEnum):
    """A dated event bearing on the host state's consent or on the Council's answer to it."""

    AGREEMENT = "agreement"
    """A status-of-forces agreement or similar undertaking by the host."""
    GOVERNMENT_CHANGE = "government_change"
    """An unconstitutional change of government (coup d'état) in the host state."""
    DETENTION = "detention"
    RESTRICTION = "restriction"
    """E.g. suspended troop rotations, flight bans."""
    OBSTRUCTION = "obstruction"
    EXPULSION = "expulsion"
    PERSONA_NON_GRATA = "persona_non_grata"
    REVIEW = "review"
    """A Secretary-General review setting out options."""
    REPORT = "report"
    WITHDRAWAL_REQUEST = "withdrawal_request"
    CONSENT = "consent"
    """The host invites or accepts a mission, or a renewal (a letter to the Council, an accord)."""
    DRAWDOWN_REQUEST = "drawdown_request"
    """The host asks for a reduction or a phased, planned withdrawal."""
    CONSENT_WITHDRAWN = "consent_withdrawn"
    """The host takes back its consent (e.g. Egypt, UNEF I, 18 May 1967)."""
    COUNCIL_DECISION = "council_decision"
    HANDOVER = "handover"
    DEADLINE = "deadline"

    @property
    def host_action(self) -> bool:
        """Whether the event is an act of the host state against (or for) the mission."""
        return self in (
            ConsentEventKind.AGREEMENT,
            ConsentEventKind.DETENTION,
            ConsentEventKind.RESTRICTION,
            ConsentEventKind.OBSTRUCTION,
            ConsentEventKind.EXPULSION,
            ConsentEventKind.PERSONA_NON_GRATA,
            ConsentEventKind.WITHDRAWAL_REQUEST,
            ConsentEventKind.CONSENT,
            ConsentEventKind.DRAWDOWN_REQUEST,
            ConsentEventKind.CONSENT_WITHDRAWN,
        )


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    APPROXIMATE = "approximate"


class MissionDict(TypedDict):
    """A :class:`Mission` as ``unsc mission --json`` and the HTTP API send it (``periodic`` as
    ``periodic_renewal``; empty text as None)."""

    acronym: str
    name: str
    kind: Annotated[str, MissionKind]
    hosts: list[str]
    territory: str | None
    start: date
    end: date | None
    status: Annotated[str, MissionStatus]
    established_by: int | None
    terminated_by: int | None
    termination: Annotated[str, TerminationKind] | None
    periodic_renewal: bool
    predecessors: list[str]
    successors: list[str]
    source: str
    notes: str | None


@dataclass(frozen=True)
class Mission:
    """A UN peacekeeping operation (``unsc/data/missions.csv``)."""

    acronym: str
    name: str
    hosts: tuple[str, ...]
    """ISO 3166 alpha-3 codes of the host states (empty for a territory such as Western Sahara)."""
    territory: str
    start: date
    end: date | None
    status: MissionStatus
    established_by: int | None
    """The Council resolution that set it up; ``None`` for a General Assembly operation."""
    terminated_by: int | None
    termination: TerminationKind | None
    periodic: bool
    """False for the few mandates with no end date (UNTSO, UNMOGIP, UNMIK)."""
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    source: str
    notes: str = ""
    kind: MissionKind = MissionKind.PEACEKEEPING
    curated_through: date | None = None
    """The last date its curated mandate rows were checked for, when earlier than the file's."""

    @property
    def active(self) -> bool:
        return self.status is MissionStatus.ACTIVE

    def to_dict(self) -> MissionDict:
        return {
            "acronym": self.acronym,
            "name": self.name,
            "kind": self.kind.value,
            "hosts": list(self.hosts),
            "territory": self.territory or None,
            "start": self.start,
            "end": self.end,
            "status": self.status.value,
            "established_by": self.established_by,
            "terminated_by": self.terminated_by,
            "termination": self.termination.value if self.termination else None,
            "periodic_renewal": self.periodic,
            "predecessors": list(self.predecessors),
            "successors": list(self.successors),
            "source": self.source,
            "notes": self.notes or None,
        }


@dataclass(frozen=True)
class RecordedVote:
    """How the record gives the vote on a resolution: its :class:`~unsc.record.records.Tally`
    (``None`` when the record cannot tell), the members abstaining and voting against, and where
    it came from."""

    tally: Tally | None = None
    abstainers: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    source: str = "unknown"
    """``record`` when read from the record database, else ``unknown`` (and why, after a colon)."""

    @property
    def known(self) -> bool:
        return self.tally is not None

    @property
    def unanimous(self) -> bool | None:
        """Adopted with no vote against and no abstention; ``None`` when the vote is unknown."""
        if self.tally is None:
            return None
        return not self.tally.no and not self.tally.abstain

    def text(self) -> str:
        return "unknown" if self.tally is None else self.tally.text()


class MandateResolutionDict(TypedDict):
    """A :class:`MandateResolution` as sent: its symbol, the recorded vote's tally, abstainers,
    members against, text and source flattened in, empty text as None."""

    number: int | None
    symbol: str | None
    date: date | None
    action: Annotated[str, ActionKind]
    mandate_end: date | None
    military: int | None
    police: int | None
    yes: int | None
    no: int | None
    abstain: int | None
    abstainers: list[str]
    against: list[str]
    vote: str
    vote_source: str
    verified: bool
    checked: Annotated[str, EndCheck] | None
    checked_against: str | None
    origin: str
    source: str | None
    notes: str | None


@dataclass(frozen=True)
class MandateResolution:
    """One resolution of a mission's mandate chain.

    ``number`` is ``None`` only for a curated renewal whose number the sources at hand do not give
    (it is then flagged ``verified=False``).
    """

    mission: str
    number: int | None
    date: date | None
    action: ActionKind
    mandate_end: Day | None = None
    military: int | None = None
    police: int | None = None
    verified: bool = True
    """Whether the end date was checked (``checked`` is ``page`` or ``title``)."""
    source: str = ""
    notes: str = ""
    origin: str = "curated"
    """``curated`` (``mandates.csv``), ``titles`` (the title crosswalk) or ``missions``."""
    vote: RecordedVote = field(default_factory=RecordedVote)
    checked: EndCheck | None = None
    """How the curated end date was checked; ``None`` for rows not curated."""
    checked_against: str = ""
    """The page the end date was checked against (``checked`` = ``page``)."""

    @property
    def symbol(self) -> str | None:
        if self.number is None:
            return None
        year = f" ({self.date.year})" if self.date is not None else ""
        return f"S/RES/{self.number}{year}"

    def to_dict(self) -> MandateResolutionDict:
        return {
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "action": self.action.value,
            "mandate_end": self.mandate_end,
            "military": self.military,
            "police": self.police,
            "yes": self.vote.tally.yes if self.vote.tally else None,
            "no": self.vote.tally.no if self.vote.tally else None,
            "abstain": self.vote.tally.abstain if self.vote.tally else None,
            "abstainers": list(self.vote.abstainers),
            "against": list(self.vote.against),
            "vote": self.vote.text(),
            "vote_source": self.vote.source,
            "verified": self.verified,
            "checked": self.checked.value if self.checked else None,
            "checked_against": self.checked_against or None,
            "origin": self.origin,
            "source": self.source or None,
            "notes": self.notes or None,
        }


class PhaseDict(TypedDict):
    kind: Annotated[str, PhaseKind]
    start: date
    end: date | None
    derived: bool
    source: str
    notes: str | None


@dataclass(frozen=True)
class Phase:
    mission: str
    kind: PhaseKind
    start: date
    end: date | None
    """Inclusive last day; ``None`` while open or unknown."""
    source: str
    notes: str = ""
    derived: bool = False
    """True when built from the mission's start and end dates rather than curated."""

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def to_dict(self) -> PhaseDict:
        return {
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "derived": self.derived,
            "source": self.source,
            "notes": self.notes or None,
        }


class ConsentEventDict(TypedDict):
    """A :class:`ConsentEvent` as sent, with ``when`` (its date as precisely as known) and
    ``host_action`` (whether its kind is the host state's act)."""

    mission: str
    date: date
    precision: Annotated[str, DatePrecision]
    when: str
    kind: Annotated[str, ConsentEventKind]
    actor: str
    host_action: bool
    position: Annotated[str, HostPosition] | None
    title: str
    detail: str
    source: str


@dataclass(frozen=True)
class ConsentEvent:
    mission: str
    date: date
    precision: DatePrecision
    kind: ConsentEventKind
    actor: str
    """An ISO alpha-3 code for a state, or ``UN`` for the Council or the Secretariat."""
    title: str
    detail: str
    source: str
    position: HostPosition | None = None
    """The host's position this event shows, if it is one (a Council decision has none)."""

    def when(self) -> str:
        """The date as precisely as the sources give it."""
        if self.precision is DatePrecision.MONTH:
            return self.date.strftime("%b %Y")
        if self.precision is DatePrecision.APPROXIMATE:
            return f"c. {self.date.isoformat()}"
        return self.date.isoformat()

    def to_dict(self) -> ConsentEventDict:
        return {
            "mission": self.mission,
            "date": self.date,
            "precision": self.precision.value,
            "when": self.when(),
            "kind": self.kind.value,
            "actor": self.actor,
            "host_action": self.kind.host_action,
            "position": self.position.value if self.position else None,
            "title": self.title,
            "detail": self.detail,
            "source": self.source,
        }
