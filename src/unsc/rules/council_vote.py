"""One way to decide a vote of any Council: a real one by date, a preset, or a list of members.

:func:`decide` is the function the ``unsc decide`` command and the web application call; it
dispatches to :func:`unsc.rules.decide_on` (the Council sitting on a date),
:func:`unsc.rules.decide_config` (a configuration's seats) or the engine itself
(:func:`unsc.rules.decide`, for a Council given as a list of members).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import NamedTuple

from unsc.council import CouncilConfig, config_for_size, council_preset
from unsc.errors import InputError
from unsc.membership import held_permanent_seat
from unsc.rules.decision import Decision
from unsc.rules.engine import decide as decide_votes
from unsc.rules.sitting import ballot, decide_config, decide_on
from unsc.types import Matter, parse_date

#: Member codes: one string (``"RUS,CHN"``), any iterable of strings, or ``None`` for none.
Codes = str | Iterable[str] | None

#: A Council: a date (or ISO date string), a preset id, a configuration, or a list of members.
CouncilSpec = date | str | CouncilConfig | Collection[str] | None


class _Named(NamedTuple):
    """The members named in each list of a ballot; everyone else voted yes."""

    no: list[str]
    abstain: list[str]
    not_voting: list[str]
    absent: list[str]


def _codes(value: Codes) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value)


def _as_date(value: date | str, field: str) -> date:
    return value if isinstance(value, date) else parse_date(value, field)


def _looks_like_date(text: str) -> bool:
    return len(text) >= 8 and text[:4].isdigit() and text[4:5] == "-"


def decide(
    council: CouncilSpec = None,
    *,
    on: date | str | None = None,
    no: Codes = None,
    abstain: Codes = None,
    not_voting: Codes = None,
    absent: Codes = None,
    matter: Matter | str | None = None,
    strict: bool = False,
    parties: Codes = None,
    veto_holders: Collection[str] | None = None,
    quota: int | None = None,
) -> Decision:
    """Decide one vote of a Council: adopted, vetoed or failed, and why.

    Every member not named in ``no``, ``abstain``, ``not_voting`` or ``absent`` voted yes.
    Each of these takes member codes as one comma-separated string or as an iterable.

    ``council`` says which Council votes:

    - a :class:`~datetime.date` or an ISO date string: the Council sitting on that date,
      under the rule of that date (Charter Art. 23 and 27, 11 members before 1966, 15 after);
    - a preset id (``unsc presets``) or a :class:`~unsc.council.CouncilConfig`: its seats,
      voted by seat id (``P-RUS``, ``NP1``, ``E3``); with ``on`` as well, the configuration's
      rule (quota, veto threshold) applied to the members sitting on ``on``;
    - a list of member codes: a Council of those members. ``veto_holders`` defaults to the
      members that hold or held a permanent seat (Charter Art. 23(1)); ``quota`` defaults to
      the quota of the real Council of that size (7 of 11, 9 of 15), else it must be given.

    ``council=None`` with ``on`` is the Council sitting on ``on``. ``matter`` is
    ``substantive`` (default), ``procedural``, ``amendment`` or ``preliminary`` (Art. 27(2)
    and (3)). ``strict`` is Charter-strict mode: each of ``parties`` to a dispute must abstain
    on a decision under Chapter VI or Art. 52(3) (Art. 27(3), proviso); its vote is counted as
    an abstention and noted.

    Bad input (an unknown code, a member named twice, an unknown preset, a date that is not
    ``YYYY-MM-DD``) is an :class:`~unsc.errors.InputError` naming the parameter.

    >>> d = decide("2023-08-30", no="RUS", abstain="CHN")
    >>> d.outcome.value, d.tally, d.vetoed_by
    ('vetoed', '13-1-1', ('RUS',))
    >>> decide("veto-needs-two", no=["P-RUS"]).outcome.value
    'adopted'
    """
    the_matter = Matter.parse(matter) if isinstance(matter, str) else (matter or Matter.SUBSTANTIVE)
    if isinstance(council, str):
        council = council.strip() or None
    if isinstance(on, str):
        on = on.strip() or None
    if isinstance(council, str) and _looks_like_date(council):
        if on is not None:
            raise InputError("give the date once: as the council or as 'on'", field="on")
        council, on = None, council
    if isinstance(council, date):
        if on is not None:
            raise InputError("give the date once: as the council or as 'on'", field="on")
        council, on = None, council
    votes = _Named(_codes(no), _codes(abstain), _codes(not_voting), _codes(absent))
    party_codes = _codes(parties)
    if parties and not strict:
        raise InputError("parties to a dispute only count in strict mode", field="parties")
    if council is None and on is None:
        raise InputError("give a date (a real Council) or a council (a preset)", field="date")
    if council is None or isinstance(council, str | CouncilConfig):
        config = council_preset(council) if isinstance(council, str) else council
        if on is not None:
            return decide_on(
                _as_date(on, "date"),
                no=votes.no,
                abstain=votes.abstain,
                not_voting=votes.not_voting,
                absent=votes.absent,
                matter=the_matter,
                council=config,
                strict=strict,
                parties=party_codes,
            )
        assert config is not None
        return decide_config(
            config,
            no=votes.no,
            abstain=votes.abstain,
            not_voting=votes.not_voting,
            absent=votes.absent,
            matter=the_matter,
            strict=strict,
            parties=party_codes,
        )
    if on is not None:
        raise InputError("a Council given as a list of members takes no date", field="on")
    return _decide_members(
        list(council),
        votes,
        matter=the_matter,
        strict=strict,
        parties=party_codes,
        veto_holders=veto_holders,
        quota=quota,
    )


def _decide_members(
    members: list[str],
    votes: _Named,
    *,
    matter: Matter,
    strict: bool,
    parties: list[str],
    veto_holders: Collection[str] | None,
    quota: int | None,
) -> Decision:
    codes = [m.strip().upper() for m in members if m.strip()]
    if len(set(codes)) != len(codes):
        raise InputError("a member is listed twice in the council", field="council")
    if not codes:
        raise InputError("the council lists no members", field="council")
    holders = (
        [c for c in codes if held_permanent_seat(c)]
        if veto_holders is None
        else [c.strip().upper() for c in veto_holders]
    )
    rule = config_for_size(len(codes))
    if quota is None:
        if rule is None:
            raise InputError(
                f"a Council of {len(codes)} members has no quota in the Charter; give quota",
                field="quota",
            )
        quota = rule.quota
    if not 1 <= quota <= len(codes):
        raise InputError(f"quota {quota} is not between 1 and {len(codes)}", field="quota")
    ballot_votes = ballot(
        codes, no=votes.no, abstain=votes.abstain, not_voting=votes.not_voting, absent=votes.absent
    )
    return decide_votes(
        ballot_votes,
        veto_holders=holders,
        quota=quota,
        procedural_quota=quota,
        matter=matter,
        strict=strict,
        parties=[c.strip().upper() for p in parties for c in p.split(",") if c.strip()],
        council="custom",
    )
