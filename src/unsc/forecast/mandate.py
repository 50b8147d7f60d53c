"""What a draft does to a mandate, and the host state's position on the day of the vote.

Every resolution of a mission's mandate chain (:mod:`unsc.missions.chain`) gets one
:class:`Action` (establish, renew, renew_with_changes, draw_down, terminate, other): the curated
action of ``mandates.csv`` (:class:`unsc.missions.models.ActionKind`), with two readings added
here: the extension the Council announced as the last one (``final_mandate`` in
``missions.csv``, e.g. UNMIL res. 2333 (2016)) ends the mission, so it is ``terminate``; and a
renewal known only from its title is ``renew_with_changes`` or ``draw_down`` when its ceilings
rose or fell against the previous known ones.

A draft that failed or was vetoed has no resolution number; when it was put to the vote under
the agenda item of a mission within :data:`FAILED_RENEWAL_WINDOW` days of that mission's
mandate end it is read as a failed renewal (UNOMIG, S/2009/310, 15 June 2009; UNPREDEP,
S/1999/201, 25 February 1999).

The host's position (:class:`unsc.missions.models.HostPosition`) on a day is the one stated by
the latest curated consent event dated on or before that day (``unsc/data/consent_events.csv``);
consent is presumed before any. Nothing dated after the day is used.
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
    HostPosition,
    MandateResolution,
    Mission,
    TerminationKind,
)

FAILED_RENEWAL_WINDOW = 45
"""Days before a mandate end within which a failed draft on the mission's item is a renewal."""


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


def parse_host_position(text: str) -> HostPosition:
    """A host position from user input (``requests-withdrawal``, ``withdrawal``...)."""
    from unsc.errors import InputError

    value = text.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "consent": "consents",
        "restriction": "restricts",
        "restricted": "restricts",
        "drawdown": "requests_drawdown",
        "withdrawal": "requests_withdrawal",
        "withdrawal_request": "requests_withdrawal",
        "consent_withdrawn": "withdraws_consent",
        "withdrawn": "withdraws_consent",
    }
    value = aliases.get(value, value)
    try:
        return HostPosition(value)
    except ValueError:
        raise InputError(
            f"unknown host position {text!r}: one of {', '.join(p.value for p in HostPosition)}",
            field="host_position",
        ) from None


def host_level(position: HostPosition) -> int:
    """0 (consents) to 4 (withdraws consent)."""
    return list(HostPosition).index(position)


def host_position(mission: Mission, on: date, events: Iterable[ConsentEvent]) -> HostPosition:
    """The host's position on ``on``: the latest event dated on or before it that states one.

    The same rule as :func:`unsc.missions.consent.host_position`, over the events given (so an
    outlook can pass the events known on its day): consent is presumed until an event says
    otherwise, and a position holds until the next one.
    """
    latest: ConsentEvent | None = None
    for event in sorted(events, key=lambda e: e.date):
        if event.mission != mission.acronym or event.position is None:
            continue
        if event.date > on:
            break
        latest = event
    if latest is None or latest.position is None:
        return HostPosition.CONSENTS
    return latest.position


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
            and mission.termination is TerminationKind.FINAL_MANDATE
        )
        if final or entry.action is ActionKind.TERMINATE:
            action = Action.TERMINATE
        else:
            action = Action(entry.action.value)
        if entry.origin != "curated" and ceiling is not None and last_ceiling is not None:
            if action is Action.RENEW and ceiling > last_ceiling * 1.03:
                action = Action.RENEW_WITH_CHANGES
            elif action in (Action.RENEW, Action.OTHER) and ceiling < last_ceiling * 0.97:
                action = Action.DRAW_DOWN
        if ceiling is not None:
            last_ceiling = ceiling
        out[entry.number] = action
    return out


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
    checked_host = parse_host_position(host).value if host else ""
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
