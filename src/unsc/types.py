"""The value enums every part of unsc shares: a member's vote, the matter voted on, the outcome."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from unsc.errors import InputError


class Vote(StrEnum):
    """How a member of the Council took part in a vote.

    The UN Library codes votes Y / N / A and leaves non-participation blank or "X"
    (UN Library research guide, https://research.un.org/en/docs/unvoting/undl).
    ``ABSENT`` is kept apart from ``NOT_VOTING``: the USSR's absence in 1950 (res. 82-84)
    is the case that made the difference matter (Gross, 60 Yale LJ 209, 1951).
    """

    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    NOT_VOTING = "not_voting"
    ABSENT = "absent"

    @classmethod
    def parse(cls, text: str) -> Vote:
        """Read a vote in any of the spellings the sources and users use.

        >>> Vote.parse("Y"), Vote.parse("abstain"), Vote.parse("X")
        (<Vote.YES: 'yes'>, <Vote.ABSTAIN: 'abstain'>, <Vote.NOT_VOTING: 'not_voting'>)
        """
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        found = _VOTE_SPELLINGS.get(key)
        if found is None:
            raise InputError(
                f"unknown vote {text!r}: use yes, no, abstain, not_voting or absent", field="vote"
            )
        return found


_VOTE_SPELLINGS: dict[str, Vote] = {
    "y": Vote.YES,
    "yes": Vote.YES,
    "in_favour": Vote.YES,
    "in_favor": Vote.YES,
    "n": Vote.NO,
    "no": Vote.NO,
    "against": Vote.NO,
    "a": Vote.ABSTAIN,
    "abstain": Vote.ABSTAIN,
    "abstention": Vote.ABSTAIN,
    "x": Vote.NOT_VOTING,
    "nv": Vote.NOT_VOTING,
    "not_voting": Vote.NOT_VOTING,
    "non_voting": Vote.NOT_VOTING,
    "present_not_voting": Vote.NOT_VOTING,
    "did_not_participate": Vote.NOT_VOTING,
    "absent": Vote.ABSENT,
}


class Matter(StrEnum):
    """What kind of question is put to the vote (Charter Art. 27(2) and 27(3)).

    Amendments are voted as non-procedural matters (rule 33 practice; Security Council
    Report, What's In Blue, 1 June 2018), and so is the preliminary question whether a
    matter is procedural (San Francisco Four-Power statement of 7 June 1945).
    """

    PROCEDURAL = "procedural"
    SUBSTANTIVE = "substantive"
    AMENDMENT = "amendment"
    PRELIMINARY = "preliminary"

    @property
    def carries_veto(self) -> bool:
        """True for every matter but a procedural one (Art. 27(2) has no concurring votes)."""
        return self is not Matter.PROCEDURAL

    @classmethod
    def parse(cls, text: str) -> Matter:
        """Read a matter (``non-procedural`` is ``substantive``); an unknown one is an error."""
        key = text.strip().lower()
        aliases = {"non-procedural": "substantive", "nonprocedural": "substantive"}
        key = aliases.get(key, key)
        try:
            return cls(key)
        except ValueError:
            names = ", ".join(m.value for m in cls)
            raise InputError(
                f"unknown matter {text!r}: use one of {names}", field="matter"
            ) from None


class Outcome(StrEnum):
    """The result of a vote: adopted, vetoed by a permanent member, or failed for lack of votes."""

    ADOPTED = "adopted"
    VETOED = "vetoed"
    FAILED = "failed"


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str, field: str = "date", *, label: str | None = None) -> date:
    """Parse an ISO date ``YYYY-MM-DD`` strictly; the error names the parameter (``label``).

    Only ASCII digits in the extended form (ISO 8601 calendar date), no week dates, no basic
    form ``20230101``, no year past 9999. The one date parser of the CLI, the batch files and
    the HTTP API.
    """
    value = text.strip() if isinstance(text, str) else ""
    try:
        if _ISO_DATE.fullmatch(value) is None:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        shown = text[:40] if isinstance(text, str) else text
        raise InputError(
            f"{label or field}: {shown!r} is not a date YYYY-MM-DD", field=field
        ) from None
