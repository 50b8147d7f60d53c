"""The rules engine: whether a question put to the vote is adopted, vetoed or failed.

Charter Art. 27(2): procedural matters need the affirmative vote of nine members (seven before
the 1965 amendment). Art. 27(3): all other matters need nine affirmative votes "including the
concurring votes of the permanent members". By the Council's practice since 1946-47 an
abstention is not a veto (President's statement, 173rd meeting, 1 Aug 1947; ICJ, Namibia
Advisory Opinion, 1971, para. 22), nor is absence (res. 82-84 of 1950, adopted in the USSR's
absence) or non-participation. Amendments and the preliminary question "is the matter
procedural?" are non-procedural (rule 33 practice; San Francisco statement of 7 June 1945).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from unsc.errors import InputError
from unsc.rules.decision import Decision, explain
from unsc.types import Matter, Outcome, Vote


def decide(
    votes: Mapping[str, Vote],
    *,
    veto_holders: Collection[str],
    quota: int,
    matter: Matter = Matter.SUBSTANTIVE,
    veto_threshold: int = 1,
    procedural_quota: int | None = None,
    strict: bool = False,
    parties: Collection[str] = (),
    council: str | None = None,
) -> Decision:
    """Decide one question from each member's vote.

    ``votes`` maps every member (a state code or a seat id) to its vote; ``veto_holders`` are
    the members whose "no" counts toward a veto; ``veto_threshold`` how many such "no" votes
    make one. With ``strict`` (Charter-strict mode) the question is taken to be a decision under
    Chapter VI or Art. 52(3), and each member in ``parties`` (a party to the dispute) must
    abstain (Art. 27(3), proviso): its vote is counted as an abstention and noted. The proviso
    is "obligatory in theory but voluntary in practice" (Chappell & Svoboda, Lawfare,
    11 Feb 2022; no member invoked it on Russia's veto of S/2014/189, S/PV.7138), so it is off
    by default.
    """
    if veto_threshold < 1:
        raise InputError("veto threshold must be at least 1", field="veto_threshold")
    unknown = set(veto_holders) - set(votes)
    if unknown:
        raise InputError(
            f"veto holders without a vote: {', '.join(sorted(unknown))}", field="veto_holders"
        )
    notes: list[str] = []
    counted: dict[str, Vote] = dict(votes)
    if strict and matter is not Matter.PROCEDURAL:
        for party in sorted(parties):
            if party not in counted:
                raise InputError(f"party {party!r} is not a member voting", field="parties")
            if counted[party] in (Vote.YES, Vote.NO):
                notes.append(
                    f"{party} is a party to the dispute and must abstain (Art. 27(3)): its "
                    f"{counted[party].value} is counted as an abstention"
                )
                counted[party] = Vote.ABSTAIN

    tally = {v: 0 for v in Vote}
    for vote in counted.values():
        tally[vote] += 1
    required = quota
    if matter is Matter.PROCEDURAL and procedural_quota is not None:
        required = procedural_quota
    holders = [m for m in votes if m in set(veto_holders)]
    permanent_no = tuple(m for m in holders if counted[m] is Vote.NO)
    other_no = tuple(m for m in counted if counted[m] is Vote.NO and m not in permanent_no)

    for member in holders:
        if counted[member] is Vote.ABSENT:
            notes.append(
                f"permanent member {member} was absent: by the Council's practice since 1950 "
                "(res. 82-84 adopted in the USSR's absence) absence is not a veto"
            )
        elif counted[member] is Vote.ABSTAIN and matter.carries_veto:
            notes.append(f"permanent member {member} abstained: an abstention is not a veto")
        elif counted[member] is Vote.NOT_VOTING and matter.carries_veto:
            notes.append(f"permanent member {member} did not take part: that is not a veto")

    vetoed_by: tuple[str, ...] = ()
    if tally[Vote.YES] < required:
        outcome = Outcome.FAILED
    elif matter.carries_veto and len(permanent_no) >= veto_threshold:
        outcome = Outcome.VETOED
        vetoed_by = permanent_no
    else:
        outcome = Outcome.ADOPTED
    if matter is Matter.PRELIMINARY and outcome is Outcome.VETOED:
        notes.append(
            "the preliminary question was vetoed, so the main question is non-procedural and "
            "can be vetoed in turn: the double veto"
        )
    return Decision(
        outcome=outcome,
        yes=tally[Vote.YES],
        no=tally[Vote.NO],
        abstain=tally[Vote.ABSTAIN],
        not_voting=tally[Vote.NOT_VOTING],
        absent=tally[Vote.ABSENT],
        required=required,
        matter=matter,
        vetoed_by=vetoed_by,
        permanent_no=permanent_no,
        veto_threshold=veto_threshold,
        explanation=explain(
            outcome,
            yes=tally[Vote.YES],
            required=required,
            matter=matter,
            vetoed_by=vetoed_by,
            permanent_no=permanent_no,
            other_no=other_no,
            veto_threshold=veto_threshold,
            permanent_abstain=tuple(m for m in holders if counted[m] is Vote.ABSTAIN),
        ),
        notes=tuple(notes),
        votes=dict(votes),
        council=council,
    )
