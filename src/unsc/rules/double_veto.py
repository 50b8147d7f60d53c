"""The preliminary question, the double veto, and the President's ruling under rule 30.

Whether a matter is procedural is itself a non-procedural question (San Francisco Four-Power
statement, 7 June 1945): a permanent member can veto the preliminary question, making the
main question non-procedural, and then veto the main question too. The first double veto: the
Czechoslovak question, 303rd meeting, 24 May 1948 (preliminary question 8-2-1, USSR and
Ukrainian SSR against). The Council later met it with a ruling of the President under rule 30,
which "shall stand unless overruled" (Rudzinski, "The So-Called Double Veto", 45 AJIL 443, 1951):
a challenge to a ruling is a procedural vote.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from unsc.rules.decision import Decision
from unsc.rules.engine import decide
from unsc.types import Matter, Outcome, Vote


@dataclass(frozen=True, slots=True)
class TwoStageDecision:
    """A preliminary question (or a ruling) and the main question decided under its answer."""

    preliminary: Decision
    matter: Matter
    question: Decision
    double_veto: bool
    explanation: str

    def to_dict(self) -> dict[str, object]:
        """Both stages, as the JSON of the HTTP API gives them."""
        return {
            "preliminary": self.preliminary.to_dict(),
            "matter": self.matter.value,
            "question": self.question.to_dict(),
            "double_veto": self.double_veto,
            "explanation": self.explanation,
        }


def decide_with_preliminary(
    preliminary_votes: Mapping[str, Vote],
    question_votes: Mapping[str, Vote],
    *,
    veto_holders: Collection[str],
    quota: int,
    veto_threshold: int = 1,
) -> TwoStageDecision:
    """Vote first on "is the matter procedural?" (non-procedural), then on the question itself."""
    preliminary = decide(
        preliminary_votes,
        veto_holders=veto_holders,
        quota=quota,
        matter=Matter.PRELIMINARY,
        veto_threshold=veto_threshold,
    )
    matter = Matter.PROCEDURAL if preliminary.adopted else Matter.SUBSTANTIVE
    question = decide(
        question_votes,
        veto_holders=veto_holders,
        quota=quota,
        matter=matter,
        veto_threshold=veto_threshold,
    )
    double = preliminary.outcome is Outcome.VETOED and question.outcome is Outcome.VETOED
    text = (
        f"preliminary question {preliminary.outcome.value} ({preliminary.tally}): the question "
        f"is {matter.value}; then {question.explanation}"
    )
    if double:
        text += " (a double veto)"
    return TwoStageDecision(preliminary, matter, question, double, text)


def decide_with_ruling(
    ruled_procedural: bool,
    challenge_votes: Mapping[str, Vote] | None,
    question_votes: Mapping[str, Vote],
    *,
    veto_holders: Collection[str],
    quota: int,
    veto_threshold: int = 1,
) -> TwoStageDecision:
    """The President rules whether the matter is procedural (rule 30); a challenge is put to a
    procedural vote on overruling, and the ruling stands unless that vote is adopted."""
    votes = challenge_votes if challenge_votes is not None else {}
    overrule = decide(
        dict(votes) or dict.fromkeys(question_votes, Vote.NO),
        veto_holders=veto_holders,
        quota=quota,
        matter=Matter.PROCEDURAL,
    )
    procedural = ruled_procedural != overrule.adopted
    matter = Matter.PROCEDURAL if procedural else Matter.SUBSTANTIVE
    question = decide(
        question_votes,
        veto_holders=veto_holders,
        quota=quota,
        matter=matter,
        veto_threshold=veto_threshold,
    )
    ruling = "procedural" if ruled_procedural else "non-procedural"
    fate = "overruled" if overrule.adopted else "stands"
    text = (
        f"the President ruled the matter {ruling}; the ruling {fate}; then {question.explanation}"
    )
    return TwoStageDecision(overrule, matter, question, False, text)
