"""Deciding a question of a session with the project's rules engine, as ``unsc decide`` does.

Every delegation marked absent at the roll call is counted absent; every delegation present
that has not voted at the close is counted as present and not voting (the UN Library's "X",
https://research.un.org/en/docs/unvoting/undl). Neither is a veto: absence by the Council's
practice since res. 82-84 (1950), non-participation by the practice on abstention (ICJ,
Namibia Advisory Opinion, 1971, para. 22).
"""

from __future__ import annotations

from collections.abc import Mapping

from unsc.rules import Decision, decide
from unsc.rules.council_vote import decide as decide_council
from unsc.sessions.model import SessionCouncil
from unsc.types import Matter, Outcome, Vote

CAST_ORDER = (Vote.NO, Vote.ABSTAIN, Vote.NOT_VOTING, Vote.ABSENT)


def votes_at_close(
    council: SessionCouncil, ballots: Mapping[str, Vote], absent: set[str]
) -> dict[str, Vote]:
    """Every delegation's vote at the close, in the Council's order."""
    votes: dict[str, Vote] = {}
    for code in council.codes:
        if code in absent:
            votes[code] = Vote.ABSENT
        else:
            votes[code] = ballots.get(code, Vote.NOT_VOTING)
    return votes


def decide_question(council: SessionCouncil, matter: Matter, votes: Mapping[str, Vote]) -> Decision:
    """The decision of :func:`unsc.decide` (the function behind ``unsc decide``): a real Council
    by date, a preset by seat, a custom list of delegations with its veto holders and quota."""

    def cast(vote: Vote) -> list[str]:
        return [code for code, given in votes.items() if given is vote]

    no, abstain, not_voting, absent = (cast(v) for v in CAST_ORDER)
    if not council.custom:
        return decide_council(
            council.on or council.config,
            no=no,
            abstain=abstain,
            not_voting=not_voting,
            absent=absent,
            matter=matter,
        )
    if council.veto_threshold == 1 and council.quota == council.procedural_quota:
        return decide_council(
            list(council.codes),
            veto_holders=council.veto_holders,
            quota=council.quota,
            matter=matter,
            no=no,
            abstain=abstain,
            not_voting=not_voting,
            absent=absent,
        )
    # A custom list under a preset whose rule a list of members cannot carry (a veto that
    # needs two permanent members, a procedural quota of its own): the engine itself.
    return decide(
        votes,
        veto_holders=council.veto_holders,
        quota=council.quota,
        procedural_quota=council.procedural_quota,
        matter=matter,
        veto_threshold=council.veto_threshold,
        council=council.config,
    )


def matter_after_preliminary(outcome: Outcome) -> Matter:
    """The matter of a question after the preliminary question on it: procedural if that was
    adopted, non-procedural if it was vetoed or failed (the double veto: 303rd meeting, 24 May
    1948, the Czechoslovak question)."""
    return Matter.PROCEDURAL if outcome is Outcome.ADOPTED else Matter.SUBSTANTIVE
