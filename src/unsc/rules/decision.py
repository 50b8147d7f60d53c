"""The result of a vote, with the sentence that explains it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, TypedDict

from unsc.types import Matter, Outcome, Vote


class DecisionDict(TypedDict):
    """A :class:`Decision` as ``unsc decide --json`` and the HTTP API send it: its fields,
    enums by value (``Annotated`` with their enum), and ``tally`` (in favour-against-abstaining)."""

    outcome: Annotated[str, Outcome]
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int
    required: int
    vetoed_by: list[str]
    permanent_no: list[str]
    veto_threshold: int
    matter: Annotated[str, Matter]
    tally: str
    explanation: str
    notes: list[str]
    council: str | None
    votes: dict[str, Annotated[str, Vote]]


@dataclass(frozen=True, slots=True)
class Decision:
    """What the Council decided on one question, and why.

    ``vetoed_by`` names every veto holder that voted no on a draft that had the required
    votes; ``permanent_no`` names every veto holder that voted no, whatever the outcome (a "no"
    on a draft that lacked the votes is not counted as a veto: UK FCO, "Vetoed Draft
    Resolutions in the UNSC 1946-2012").
    """

    outcome: Outcome
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int
    required: int
    matter: Matter
    vetoed_by: tuple[str, ...] = ()
    permanent_no: tuple[str, ...] = ()
    veto_threshold: int = 1
    explanation: str = ""
    notes: tuple[str, ...] = ()
    votes: dict[str, Vote] = field(default_factory=dict, compare=False)
    council: str | None = None

    @property
    def adopted(self) -> bool:
        """Whether the question was adopted."""
        return self.outcome is Outcome.ADOPTED

    @property
    def tally(self) -> str:
        """The tally as the UN writes it: in favour-against-abstaining."""
        return f"{self.yes}-{self.no}-{self.abstain}"

    def to_dict(self) -> DecisionDict:
        """The decision as ``unsc decide --json`` and the HTTP API give it."""
        return {
            "outcome": self.outcome.value,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "not_voting": self.not_voting,
            "absent": self.absent,
            "required": self.required,
            "vetoed_by": list(self.vetoed_by),
            "permanent_no": list(self.permanent_no),
            "veto_threshold": self.veto_threshold,
            "matter": self.matter.value,
            "tally": self.tally,
            "explanation": self.explanation,
            "notes": list(self.notes),
            "council": self.council,
            "votes": {code: vote.value for code, vote in self.votes.items()},
        }


def _names(codes: tuple[str, ...]) -> str:
    if len(codes) <= 1:
        return "".join(codes)
    return ", ".join(codes[:-1]) + " and " + codes[-1]


def explain(
    outcome: Outcome,
    *,
    yes: int,
    required: int,
    matter: Matter,
    vetoed_by: tuple[str, ...],
    permanent_no: tuple[str, ...],
    other_no: tuple[str, ...],
    veto_threshold: int,
    permanent_abstain: tuple[str, ...] = (),
) -> str:
    """One plain sentence that says what happened and why.

    For example: "vetoed: 13 in favour (9 required), but permanent member RUS voted no".
    """
    member_word = "members" if len(permanent_no) > 1 else "member"
    if outcome is Outcome.VETOED:
        rule = f" ({veto_threshold} needed for a veto)" if veto_threshold > 1 else ""
        return (
            f"vetoed: {yes} in favour ({required} required), but permanent "
            f"{'members' if len(vetoed_by) > 1 else 'member'} {_names(vetoed_by)} voted no{rule}"
        )
    if outcome is Outcome.FAILED:
        text = f"failed: {yes} in favour, {required} required"
        if permanent_no and matter.carries_veto:
            text += (
                f"; permanent {member_word} {_names(permanent_no)} also voted no, "
                "which is not counted as a veto on a draft that lacked the votes"
            )
        elif permanent_no:
            text += f"; permanent {member_word} {_names(permanent_no)} voted no"
        if other_no and not permanent_no:
            text += f"; {_names(other_no)} voted no, which is not a veto"
        return text
    text = f"adopted: {yes} in favour ({required} required)"
    if matter is Matter.PROCEDURAL and permanent_no:
        text += (
            f"; a procedural matter, so the no of permanent {member_word} "
            f"{_names(permanent_no)} is not a veto (Art. 27(2))"
        )
    elif permanent_no:
        text += (
            f"; the no of permanent {member_word} {_names(permanent_no)} is not enough for a "
            f"veto ({veto_threshold} needed)"
        )
    else:
        text += ", no permanent member voted no"
    if permanent_abstain and matter.carries_veto:
        text += f"; permanent {_names(permanent_abstain)} abstained, which is not a veto"
    return text
