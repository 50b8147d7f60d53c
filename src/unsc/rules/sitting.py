"""Deciding a vote of a real Council on a date, or of any configuration by its seats."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date

from unsc.council import (
    AMENDMENT_IN_FORCE,
    ENLARGED_FROM,
    CouncilConfig,
    config_for_date,
    council_preset,
)
from unsc.errors import InputError
from unsc.membership import members_on, permanent_holder, permanent_seat_of
from unsc.rules.decision import Decision
from unsc.rules.engine import decide
from unsc.states import is_state_code, state
from unsc.types import Matter, Vote


def _codes(values: Iterable[str], field: str) -> list[str]:
    found = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if code:
                found.append(code)
    seen: set[str] = set()
    for code in found:
        if code in seen:
            raise InputError(f"{code} is named twice in --{field.replace('_', '-')}", field=field)
        seen.add(code)
    return found


def ballot(
    members: Collection[str],
    *,
    no: Iterable[str] = (),
    abstain: Iterable[str] = (),
    not_voting: Iterable[str] = (),
    absent: Iterable[str] = (),
    on: date | None = None,
) -> dict[str, Vote]:
    """Every member's vote: those named in a list voted that way, every other member yes.

    A code that is unknown, not a member, or named in two lists is an :class:`InputError`
    naming the parameter.
    """
    votes = dict.fromkeys(members, Vote.YES)
    named: dict[str, str] = {}
    for field, values, vote in (
        ("no", no, Vote.NO),
        ("abstain", abstain, Vote.ABSTAIN),
        ("not_voting", not_voting, Vote.NOT_VOTING),
        ("absent", absent, Vote.ABSENT),
    ):
        for code in _codes(values, field):
            if code in named:
                raise InputError(
                    f"{code} is named in both --{named[code].replace('_', '-')} and "
                    f"--{field.replace('_', '-')}",
                    field=field,
                )
            named[code] = field
            if code not in votes:
                raise InputError(_not_member_message(code, members, on), field=field)
            votes[code] = vote
    return votes


def _not_member_message(code: str, members: Collection[str], on: date | None) -> str:
    sitting = ", ".join(sorted(members))
    if on is None:
        return f"{code} is not a seat of this configuration; seats: {sitting}"
    if not is_state_code(code):
        return (
            f"unknown member code {code!r} (use ISO 3166 alpha-3 codes); members on {on}: {sitting}"
        )
    hint = ""
    seat = permanent_seat_of(code)
    if seat is not None:
        holder = permanent_holder(seat, on)
        if holder != code:
            hint = f"; the seat {seat} was held by {holder} ({state(holder).name}) on that date"
    return (
        f"{code} ({state(code).name}) was not a member of the Council on {on}{hint}; "
        f"members: {sitting}"
    )


def decide_on(
    on: date,
    *,
    no: Iterable[str] = (),
    abstain: Iterable[str] = (),
    not_voting: Iterable[str] = (),
    absent: Iterable[str] = (),
    matter: Matter = Matter.SUBSTANTIVE,
    council: str | CouncilConfig | None = None,
    strict: bool = False,
    parties: Iterable[str] = (),
) -> Decision:
    """Decide a vote of the Council sitting on a date; every member not named voted yes.

    ``council`` applies another configuration's rule (quota, veto threshold) to the members of
    that date; it must have as many seats as the Council had then.
    """
    sitting = members_on(on)
    if council is None:
        config = config_for_date(on)
    else:
        config = council_preset(council) if isinstance(council, str) else council
    if config.size != len(sitting):
        raise InputError(
            f"council {config.id} has {config.size} seats but the Council had {len(sitting)} "
            f"members on {on}; decide it by seats instead (no date)",
            field="council",
        )
    codes = [m.code for m in sitting]
    votes = ballot(codes, no=no, abstain=abstain, not_voting=not_voting, absent=absent, on=on)
    veto_holders = [m.code for m in sitting if m.permanent]
    decision = decide(
        votes,
        veto_holders=veto_holders,
        quota=config.quota,
        procedural_quota=config.procedural_quota,
        matter=matter,
        veto_threshold=config.veto_threshold,
        strict=strict,
        parties=_codes(parties, "parties"),
        council=config.id,
    )
    if AMENDMENT_IN_FORCE <= on < ENLARGED_FROM:
        note = (
            "between 31 Aug 1965 and 31 Dec 1965 the amended Art. 27 said 'nine' but the "
            "Council still had eleven members; unsc applies seven of eleven"
        )
        decision = _with_note(decision, note)
    return decision


def decide_config(
    config: CouncilConfig | str,
    votes: Mapping[str, Vote | str] | None = None,
    *,
    no: Iterable[str] = (),
    abstain: Iterable[str] = (),
    not_voting: Iterable[str] = (),
    absent: Iterable[str] = (),
    matter: Matter = Matter.SUBSTANTIVE,
    strict: bool = False,
    parties: Iterable[str] = (),
) -> Decision:
    """Decide a vote of a configuration by its seat ids (e.g. ``P-RUS``, ``NP1``, ``E3``).

    With ``strict``, each seat in ``parties`` is a party to the dispute and must abstain
    (Art. 27(3), proviso).
    """
    cfg = council_preset(config) if isinstance(config, str) else config
    seat_ids = [s.seat_id for s in cfg.seats]
    if votes is not None:
        ballot_votes = dict.fromkeys(seat_ids, Vote.YES)
        for seat_id, vote in votes.items():
            if seat_id.upper() not in ballot_votes:
                raise InputError(
                    _not_member_message(seat_id.upper(), seat_ids, None), field="votes"
                )
            ballot_votes[seat_id.upper()] = vote if isinstance(vote, Vote) else Vote.parse(vote)
    else:
        ballot_votes = ballot(
            seat_ids, no=no, abstain=abstain, not_voting=not_voting, absent=absent
        )
    return decide(
        ballot_votes,
        veto_holders=cfg.veto_seats,
        quota=cfg.quota,
        procedural_quota=cfg.procedural_quota,
        matter=matter,
        veto_threshold=cfg.veto_threshold,
        strict=strict,
        parties=_codes(parties, "parties"),
        council=cfg.id,
    )


def _with_note(decision: Decision, note: str) -> Decision:
    from dataclasses import replace

    return replace(decision, notes=(*decision.notes, note))
