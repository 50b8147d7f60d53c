"""What a draft does to a mandate, and the host state's position on the day of the vote.

Every resolution of a mission's mandate chain (:mod:`unsc.missions.chain`) gets one
:class:`Action`:

- ``establish``: it set the mission up;
- ``renew``: it extended the mandate as it was (ceilings unchanged or unknown);
- ``renew_with_changes``: it extended the mandate and raised or reshaped the authorised
  strength (a higher military or police ceiling than the previous curated one), or replaced the
  mission by a successor (MONUC by MONUSCO, res. 1925 (2010));
- ``draw_down``: it lowered the authorised ceilings (e.g. UNMIL, res. 2066 (2012)) or set a
  withdrawal while keeping the mission for now;
- ``terminate``: it ended the mandate, or extended it one last time (a final mandate, e.g.
  UNMIL res. 2333 (2016));
- ``other``: any other decision on the mission (an adjustment without a new end date).

A draft that failed or was vetoed has no resolution number; when it was put to the vote under
the agenda item of a mission within :data:`FAILED_RENEWAL_WINDOW` days of that mission's
mandate end it is read as a failed renewal (UNOMIG, S/2009/310, 15 June 2009; UNPREDEP,
S/1999/201, 25 February 1999).

The host's position (:class:`HostPosition`) on a day is read from the curated consent events
dated on or before that day (``unsc/data/consent_events.csv``): a withdrawal request, a request
to draw down, a restriction of the mission (detentions, expulsions, flight bans, persona non
grata), or consent (no such act, or a later agreement). Nothing dated after the day is used.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from unsc.forecast.features import agenda_key
from unsc.missions.chain import MandateChain, all_chains
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    MandateResolution,
    Mission,
    TerminationKind,
)

FAILED_RENEWAL_WINDOW = 45
"""Days before a mandate end within which a failed draft on the mission's item is a renewal."""

RESTRICTION_MEMORY = timedelta(days=730)
"""A host's restrictions colour its position for two years unless it consents again."""


class Action(StrEnum):
    """What a draft does to a mission's mandate (issue vocabulary)."""

    ESTABLISH = "establish"
    RENEW = "renew"
    RENEW_WITH_CHANGES = "renew_with_changes"
    DRAW_DOWN = "draw_down"
    TERMINATE = "terminate"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Action:
        from unsc.errors import InputError

        value = text.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {"changes": "renew_with_changes", "drawdown": "draw_down", "end": "terminate"}
        value = aliases.get(value, value)
        try:
            return cls(value)
        except ValueError:
            raise InputError(
                f"unknown action {text!r}: one of {', '.join(a.value for a in cls)}",
                field="action",
            ) from None


class HostPosition(StrEnum):
    """The host state's stance towards a mission, from its dated acts (weakest to strongest)."""

    CONSENTS = "consents"
    RESTRICTS = "restricts"
    REQUESTS_DRAWDOWN = "requests_drawdown"
    REQUESTS_WITHDRAWAL = "requests_withdrawal"
    WITHDRAWN = "withdrawn"
    """Consent taken back outright (e.g. Egypt for UNEF I, 18 May 1967)."""

    @property
    def level(self) -> int:
        return list(HostPosition).index(self)

    @classmethod
    def parse(cls, text: str) -> HostPosition:
        from unsc.errors import InputError

        value = text.strip().lower().replace("-", "_").replace(" ", "_")
        aliases = {
            "consent": "consents",
            "restriction": "restricts",
            "restricted": "restricts",
            "drawdown": "requests_drawdown",
            "withdrawal": "requests_withdrawal",
            "withdrawal_request": "requests_withdrawal",
            "consent_withdrawn": "withdrawn",
        }
        value = aliases.get(value, value)
        try:
            return cls(value)
        except ValueError:
            raise InputError(
                f"unknown host position {text!r}: one of {', '.join(p.value for p in cls)}",
                field="host_position",
            ) from None


_RESTRICTING = frozenset(
    {"restriction", "obstruction", "expulsion", "persona_non_grata", "detention"}
)
_DRAWDOWN = frozenset({"drawdown_request", "restriction_request"})
_WITHDRAWAL = frozenset({"withdrawal_request"})
_WITHDRAWN = frozenset({"consent_withdrawn", "consent_withdrawal", "withdrawal_of_consent"})
_CONSENTING = frozenset({"agreement", "consent", "consent_restored"})


def host_position(mission: Mission, on: date, events: Iterable[ConsentEvent]) -> HostPosition:
    """The host's position on ``on``, from the mission's host acts dated on or before it."""
    hosts = set(mission.hosts)
    acts = sorted(
        (
            e
            for e in events
            if e.mission == mission.acronym and e.date <= on and (e.actor in hosts or not hosts)
        ),
        key=lambda e: e.date,
    )
    position = HostPosition.CONSENTS
    since: date | None = None
    for event in acts:
        kind = str(event.kind.value)
        found: HostPosition | None = None
        if kind in _WITHDRAWN:
            found = HostPosition.WITHDRAWN
        elif kind in _WITHDRAWAL:
            found = HostPosition.REQUESTS_WITHDRAWAL
        elif kind in _DRAWDOWN:
            found = HostPosition.REQUESTS_DRAWDOWN
        elif kind in _RESTRICTING:
            found = HostPosition.RESTRICTS
        elif kind in _CONSENTING:
            position, since = HostPosition.CONSENTS, event.date
            continue
        if found is None:
            continue
        if found.level >= position.level or (
            since is not None and event.date - since > RESTRICTION_MEMORY
        ):
            position, since = found, event.date
    if position is HostPosition.RESTRICTS and since is not None and on - since > RESTRICTION_MEMORY:
        return HostPosition.CONSENTS
    return position


def _ceiling(entry: MandateResolution) -> int | None:
    if entry.military is None and entry.police is None:
        return None
    return (entry.military or 0) + (entry.police or 0)


def chain_actions(chain: MandateChain) -> dict[int, Action]:
    """The action of every numbered resolution of a chain (see the module docstring)."""
    mission = chain.mission
    out: dict[int, Action] = {}
    last_ceiling: int | None = None
    for entry in chain.entries:
        if entry.number is None:
            continue
        ceiling = _ceiling(entry)
        final = (
            entry.number == mission.terminated_by
            and mission.termination is not TerminationKind.SUCCEEDED
        )
        if entry.action is ActionKind.ESTABLISHMENT:
            action = Action.ESTABLISH
        elif entry.action is ActionKind.TERMINATION or final:
            action = Action.TERMINATE
        elif entry.number == mission.terminated_by:
            action = Action.RENEW_WITH_CHANGES
        elif entry.action is ActionKind.RENEWAL:
            action = Action.RENEW
            if ceiling is not None and last_ceiling is not None:
                if ceiling < last_ceiling * 0.97:
                    action = Action.DRAW_DOWN
                elif ceiling > last_ceiling * 1.03:
                    action = Action.RENEW_WITH_CHANGES
            if _says(entry, ("drawdown", "draw down", "reduc", "withdraw")):
                action = Action.DRAW_DOWN
        else:
            action = Action.OTHER
            if ceiling is not None and last_ceiling is not None and ceiling < last_ceiling * 0.97:
                action = Action.DRAW_DOWN
        if ceiling is not None:
            last_ceiling = ceiling
        out[entry.number] = action
    return out


def _says(entry: MandateResolution, words: Sequence[str]) -> bool:
    text = entry.notes.lower()
    return any(w in text for w in words)


@dataclass(frozen=True, slots=True)
class DraftAct:
    """What a recorded draft did: the mission, the action, the host's position that day."""

    mission: str
    action: Action
    host_position: HostPosition


def mission_agendas(conn: sqlite3.Connection, chains: Mapping[str, MandateChain]) -> dict[str, str]:
    """Each mission's agenda item key: the most common one among its chain's resolutions."""
    numbers: dict[int, str] = {}
    for chain in chains.values():
        for entry in chain.entries:
            if entry.number is not None:
                numbers[entry.number] = chain.mission.acronym
    counts: dict[str, dict[str, int]] = {}
    for row in conn.execute(
        "SELECT resolution_number, agenda FROM drafts WHERE resolution_number IS NOT NULL"
    ):
        acronym = numbers.get(int(row[0]))
        if acronym is None or not row[1]:
            continue
        key = agenda_key(str(row[1]))
        counts.setdefault(acronym, {}).setdefault(key, 0)
        counts[acronym][key] += 1
    return {a: max(c, key=lambda k: c[k]) for a, c in counts.items() if c}


def draft_acts(
    conn: sqlite3.Connection,
    *,
    chains: Mapping[str, MandateChain] | None = None,
    events: Sequence[ConsentEvent] | None = None,
) -> dict[int, DraftAct]:
    """Every mandate-related draft of the record (by ``draft_id``) with what it did."""
    from unsc.missions.loaders import load_consent_events

    chains = chains if chains is not None else all_chains(conn)
    events = tuple(events if events is not None else load_consent_events())
    by_number: dict[int, tuple[Mission, Action]] = {}
    ends: dict[str, list[date]] = {}
    for chain in chains.values():
        for number, action in chain_actions(chain).items():
            by_number[number] = (chain.mission, action)
        ends[chain.mission.acronym] = sorted(
            e.mandate_end for e in chain.entries if e.mandate_end is not None
        )
    agendas = mission_agendas(conn, chains)
    by_agenda: dict[str, list[str]] = {}
    for acronym, key in agendas.items():
        by_agenda.setdefault(key, []).append(acronym)
    out: dict[int, DraftAct] = {}
    window = timedelta(days=FAILED_RENEWAL_WINDOW)
    for row in conn.execute(
        "SELECT draft_id, date, agenda, outcome, resolution_number FROM drafts"
    ):
        day = date.fromisoformat(str(row[1]))
        mission: Mission | None = None
        action = Action.OTHER
        if row[4] is not None and int(row[4]) in by_number:
            mission, action = by_number[int(row[4])]
        elif row[3] != "adopted" and row[2]:
            for acronym in by_agenda.get(agenda_key(str(row[2])), ()):
                if any(day <= end <= day + window for end in ends.get(acronym, ())):
                    mission, action = chains[acronym].mission, Action.RENEW
                    break
        if mission is None:
            continue
        out[int(row[0])] = DraftAct(mission.acronym, action, host_position(mission, day, events))
    return out


def named_mission(*texts: str) -> Mission | None:
    """The mission whose acronym a draft's agenda or topic names (as a word), if exactly one."""
    import re

    from unsc.missions.loaders import load_missions

    text = " ".join(t for t in texts if t)
    if not text:
        return None
    found = [
        m
        for m in load_missions().values()
        if len(m.acronym) >= 4 and re.search(rf"\b{re.escape(m.acronym)}\b", text)
    ]
    return found[0] if len(found) == 1 else None


def infer_act(
    mission: str | None,
    agenda: str,
    topic: str,
    on: date,
    *,
    known_on: date | None = None,
    action: str = "",
    host: str = "",
) -> tuple[str, str, str]:
    """(mission, action, host position) for a query, filling what the user did not give.

    The mission is the one given or the one the agenda or topic names; when there is one the
    action defaults to ``renew`` and the host's position is read from the consent events dated
    on or before ``known_on`` (default: the day of the vote). Unknown values are errors.
    """
    from unsc.errors import InputError, NotFoundError
    from unsc.missions.loaders import find_mission, load_consent_events

    try:
        found = find_mission(mission) if mission else named_mission(agenda, topic)
    except NotFoundError as exc:
        raise InputError(str(exc), field="mission") from None
    checked_action = Action.parse(action).value if action else ""
    checked_host = HostPosition.parse(host).value if host else ""
    if found is None:
        if checked_host and not checked_action:
            checked_action = Action.RENEW.value
        return "", checked_action, checked_host
    day = min(on, known_on) if known_on is not None else on
    return (
        found.acronym,
        checked_action or Action.RENEW.value,
        checked_host or host_position(found, day, load_consent_events()).value,
    )
