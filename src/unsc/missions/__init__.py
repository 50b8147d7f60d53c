"""Peacekeeping missions: the missions, their mandate chains, lifecycle and host consent.

Curated facts live in ``unsc/data`` (``missions.csv``, ``mandates.csv``, ``mission_phases.csv``,
``consent_events.csv``, ``minusma_options.csv``; each row cites its source). Votes come from the
record database. See ``docs/missions.md``.
"""

from unsc.missions.chain import MandateChain, all_chains, mandate_chain
from unsc.missions.consent import HostStance, host_position, position_spans
from unsc.missions.due import Calendar, DueMandate, mandates_due, renewal_history
from unsc.missions.lifecycle import (
    ChainFinding,
    MandateState,
    MandateStatus,
    check_chain,
    is_rollover,
    lapses,
    mandate_status,
    phases,
    rollovers,
)
from unsc.missions.loaders import (
    curated_by_resolution,
    find_mission,
    load_consent_events,
    load_missions,
)
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    ConsentEventKind,
    EndCheck,
    HostPosition,
    MandateResolution,
    Mission,
    MissionKind,
    MissionStatus,
    Phase,
    PhaseKind,
    RecordedVote,
    TerminationKind,
)
from unsc.missions.view import mission_view

__all__ = [
    "ActionKind",
    "Calendar",
    "ChainFinding",
    "ConsentEvent",
    "ConsentEventKind",
    "DueMandate",
    "EndCheck",
    "HostPosition",
    "HostStance",
    "MandateChain",
    "MandateResolution",
    "MandateState",
    "MandateStatus",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "Phase",
    "PhaseKind",
    "RecordedVote",
    "TerminationKind",
    "all_chains",
    "check_chain",
    "curated_by_resolution",
    "find_mission",
    "host_position",
    "is_rollover",
    "lapses",
    "load_consent_events",
    "load_missions",
    "mandate_chain",
    "mandate_status",
    "mandates_due",
    "mission_view",
    "phases",
    "position_spans",
    "renewal_history",
    "rollovers",
]
