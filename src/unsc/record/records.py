"""The plain records every reader yields, before reconciliation.

One :class:`DraftRecord` is one question put to the vote as one source tells it: an adopted
resolution, a failed or vetoed draft, or an amendment. ``votes`` holds the member votes the source
gives (possibly none); ``tally`` the yes-no-abstain counts it prints, if any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from unsc.types import Matter, Outcome, Vote


class VoteLine(StrEnum):
    """How the Council took a decision, as its records state it.

    The Council's resolution volumes print the vote line under each text: "Adopted at the
    1906th meeting by 9 votes to none, with 5 abstentions", "Adopted without vote", "Adopted by
    consensus", or, for texts voted in parts, the vote on each paragraph with no vote on the
    whole (Resolutions and Decisions of the Security Council, e.g. S/INF/32 for 1976).
    Only ``VOTED`` carries member votes and a tally.
    """

    VOTED = "voted"
    WITHOUT_VOTE = "without_vote"
    CONSENSUS = "consensus"
    PARAGRAPHS = "paragraphs"

    @property
    def voted(self) -> bool:
        return self is VoteLine.VOTED

    @classmethod
    def stated(cls, text: str) -> VoteLine | None:
        """The vote line a source's words state, or None when they state none.

        "without (a) vote" -> ``WITHOUT_VOTE``; "by consensus" -> ``CONSENSUS``; "by
        acclamation" -> ``WITHOUT_VOTE``: a decision by acclamation is taken without a vote
        (the Council's recommendations of a Secretary-General, e.g. res. 2580 (2021), "adopted
        by acclamation" at its 8789th meeting, a private meeting), so it has no member votes and
        no tally; the record does not name acclamation apart.
        """
        lowered = text.lower()
        if re.search(r"without (?:a )?vote|acclamation", lowered):
            return cls.WITHOUT_VOTE
        if "consensus" in lowered:
            return cls.CONSENSUS
        return None


class Kind(StrEnum):
    """What was put to the vote: a draft resolution, an amendment to one, a recommendation on
    the admission of a state (Charter Art. 4(2)), or the preliminary question whether a matter
    is procedural (the "double veto", Four-Power statement of 7 June 1945, part II)."""

    DRAFT = "draft"
    AMENDMENT = "amendment"
    MEMBERSHIP = "membership"
    PRELIMINARY = "preliminary"


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts as a source prints them; ``not_voting`` is None when the source does not count it."""

    yes: int
    no: int
    abstain: int
    not_voting: int | None = None

    def text(self) -> str:
        return f"{self.yes}-{self.no}-{self.abstain}"

    @classmethod
    def parse(cls, text: str) -> Tally:
        """``"9-0-5"`` -> ``Tally(9, 0, 5)``; a ValueError for anything else."""
        found = re.fullmatch(r"\s*(\d{1,2})-(\d{1,2})-(\d{1,2})\s*", text)
        if found is None:
            raise ValueError(f"{text!r} is not a tally Y-N-A")
        return cls(int(found.group(1)), int(found.group(2)), int(found.group(3)))


@dataclass(frozen=True, slots=True)
class Where:
    """The place in a source file a record came from (for discrepancies and errors)."""

    source_id: str
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """A question put to the vote, as one source records it."""

    where: Where
    date: date
    outcome: Outcome
    symbol: str | None = None
    resolution_number: int | None = None
    meeting_record: str | None = None
    agenda: str | None = None
    title: str | None = None
    subjects: str | None = None
    sponsors: str | None = None
    matter: Matter = Matter.SUBSTANTIVE
    votes: dict[str, Vote] = field(default_factory=dict)
    tally: Tally | None = None
    vetoed_by: tuple[str, ...] = ()
    vote_line: VoteLine = VoteLine.VOTED
    kind: Kind = Kind.DRAFT
    amends: str | None = None
    date_as_in_source: str | None = None
    note: str | None = None
    outcome_text: str | None = None
    """The outcome as the source words it ("Adopted unanimously"), where it words one."""
    extra_votes: tuple[tuple[str, Vote], ...] = ()
    """Further rows for a member already in ``votes`` (a source fault; see reconcile)."""

    @property
    def adopted_without_vote(self) -> bool:
        return not self.vote_line.voted


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """A formal meeting of the Council (UN Library meetings tables)."""

    where: Where
    meeting_record: str
    number: int | None
    date: date | None
    topic: str
    press_release: str | None


@dataclass(frozen=True, slots=True)
class VetoRecord:
    """A veto as a veto list records it: the draft (or only the meeting) and who cast it."""

    where: Where
    date: date
    draft_symbol: str | None
    meeting_record: str | None
    agenda: str
    vetoed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ElectedYear:
    """An elected member sitting in a given year, as a membership list records it."""

    where: Where
    code: str
    year: int


@dataclass(frozen=True, slots=True)
class StateGroup:
    """A UN member state with its regional (electoral) group, as a member-state list records it."""

    where: Where
    code: str
    name: str
    m49: str
    regional_group: str


@dataclass(frozen=True, slots=True)
class DraftLink:
    """A draft symbol and the resolution it became."""

    where: Where
    draft_symbol: str
    resolution_number: int
