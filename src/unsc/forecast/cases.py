"""Forecasters for case studies: a callable that gives the probability a draft option passes.

The MINUSMA case (:mod:`unsc.missions.case_minusma`) takes ``forecaster(option, on) -> float``.
:func:`option_forecaster` builds one from the record: the model, trained only on drafts before
``as_of`` (so the forecast of June 2023 never sees res. 2690 itself), forecasts every member; the
votes the user assumes for an option (the positions of members sensitive to the host's consent,
say) are fixed. Which positions to assume is the user's judgement, not the model's.

:func:`host_forecasts` needs no assumption: each option's draft carries its action (renew with
changes, draw down, terminate) and Mali's position as of 16 June 2023, and the course model
says how often the Council takes such a course when the host wants the mission gone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from unsc.errors import InputError
from unsc.forecast.draft import DraftQuery, Forecast, forecast_drafts
from unsc.forecast.model import load_model
from unsc.types import Matter, Vote

if TYPE_CHECKING:
    from unsc.outlook.courses import Decision

MALI_AGENDA = "The situation in Mali"
"""The agenda item under which every MINUSMA resolution was adopted (res. 2100 to 2690)."""

MALI_PENHOLDER = ("FRA",)
"""France held the pen on Mali (Security Council Report, Monthly Forecast, June 2023)."""


class HasNumber(Protocol):
    @property
    def number(self) -> int: ...


def option_forecasts(
    conn: sqlite3.Connection,
    on: date,
    positions: Mapping[int, Mapping[str, Vote]],
    *,
    agenda: str = MALI_AGENDA,
    sponsors: tuple[str, ...] = MALI_PENHOLDER,
    as_of: date | None = None,
) -> dict[int, Forecast]:
    """One forecast per option number, each with that option's assumed votes fixed."""
    model = load_model(conn, as_of=as_of)
    numbers = sorted(positions)
    queries = [
        DraftQuery(
            date=on,
            agenda=agenda,
            sponsors=sponsors,
            matter=Matter.SUBSTANTIVE,
            assume=dict(positions[n]),
            id=f"option-{n}",
        )
        for n in numbers
    ]
    return dict(zip(numbers, forecast_drafts(model, queries), strict=True))


def option_forecaster(
    conn: sqlite3.Connection,
    positions: Mapping[int, Mapping[str, Vote]],
    *,
    agenda: str = MALI_AGENDA,
    sponsors: tuple[str, ...] = MALI_PENHOLDER,
    as_of: date | None = None,
) -> Callable[[HasNumber, date], float]:
    """A ``forecaster(option, on)`` giving the probability that the option's draft is adopted.

    An option missing from ``positions`` is forecast by the model alone.
    """
    model = load_model(conn, as_of=as_of)

    def forecaster(option: HasNumber, on: date) -> float:
        query = DraftQuery(
            date=on,
            agenda=agenda,
            sponsors=sponsors,
            assume=dict(positions.get(option.number, {})),
            id=f"option-{option.number}",
        )
        return forecast_drafts(model, [query])[0].outcome.adopted

    return forecaster


HOST_AS_OF = date(2023, 6, 16)
"""Mali's Foreign Minister asked for MINUSMA's withdrawal "without delay" on 16 June 2023."""


@dataclass(frozen=True)
class CaseForecast:
    """One draft of the MINUSMA case forecast with the host's position of ``as_of``.

    ``course_probability`` is the course model's probability that the Council takes this
    draft's course at the mandate end (:mod:`unsc.outlook.courses`); ``adopted`` the vote
    model's probability that the draft passes if it is put to the vote.
    """

    label: str
    option: int | None
    action: str
    host_position: str
    as_of: date
    trained_through: date
    course_probability: float
    forecast: Forecast
    why: str
    likeliest: bool = False
    """Whether its course is the likeliest among the drafts forecast together."""

    @property
    def adopted(self) -> float:
        return self.forecast.outcome.adopted

    @property
    def chosen(self) -> float:
        """The probability that this is the draft the Council adopts: its course is taken and
        it passes."""
        return self.course_probability * self.adopted

    @property
    def could_pass(self) -> bool:
        """Whether the draft would pass if put to the vote (P(adopted) >= 0.5)."""
        return self.adopted >= 0.5

    @property
    def verdict(self) -> str:
        if not self.could_pass:
            return "would fail if put to the vote"
        if self.likeliest:
            return "could pass, and its course is the likeliest of these"
        return "would pass if put to the vote, but the Council takes this course less often"

    def to_dict(self) -> dict[str, object]:
        f = self.forecast
        return {
            "label": self.label,
            "option": self.option,
            "action": self.action,
            "host_position": self.host_position,
            "as_of": self.as_of,
            "trained_through": self.trained_through,
            "course_probability": self.course_probability,
            "adopted_if_put_to_vote": self.adopted,
            "vetoed_if_put_to_vote": f.outcome.vetoed,
            "contested": 1.0 - f.mixture.consensus,
            "chosen": self.chosen,
            "could_pass": self.could_pass,
            "likeliest": self.likeliest,
            "verdict": self.verdict,
            "likely_abstain": {m.code: m.abstain for m in f.members if m.abstain >= 0.15},
            "likely_no": {m.code: m.no for m in f.members if m.no >= 0.05},
            "why": self.why,
        }


class HasOption(Protocol):
    @property
    def number(self) -> int: ...

    @property
    def title(self) -> str: ...

    @property
    def action(self) -> str: ...


def _precedents(decided: Sequence[Decision]) -> str:
    against = [
        d
        for d in decided
        if d.course is not None
        and not d.gap
        and d.host.value in ("requests_drawdown", "requests_withdrawal", "withdraws_consent")
    ]
    if not against:
        return (
            "the curated record shows no earlier mandate end with a host asking for a "
            "drawdown or a withdrawal, so the course model has no precedent to learn from"
        )
    ended = [
        d for d in against if d.course is not None and d.course.value in ("terminate", "draw_down")
    ]
    names = ", ".join(sorted({d.mission for d in ended}))
    return (
        f"in {len(ended)} of {len(against)} earlier mandate ends where the host had asked for a "
        f"drawdown or the withdrawal the Council ended or drew down the mission"
        + (f" ({names})" if names else "")
    )


def host_forecasts(
    conn: sqlite3.Connection,
    options: Sequence[HasOption],
    on: date,
    *,
    mission: str = "MINUSMA",
    as_of: date = HOST_AS_OF,
    agenda: str = MALI_AGENDA,
    sponsors: tuple[str, ...] = MALI_PENHOLDER,
) -> list[CaseForecast]:
    """Each option and the termination, forecast with the host's position as of ``as_of``.

    Everything comes from what was known on ``as_of``: the vote model is trained on the drafts
    voted by then, the course model on the mandate ends decided by then, and the host's
    position is read from the events dated by then.
    """
    from unsc.missions.chain import all_chains
    from unsc.missions.loaders import load_consent_events
    from unsc.outlook.courses import COURSES, Course, all_decisions, fit_courses
    from unsc.outlook.known import known_as_of

    model = load_model(conn, as_of=as_of + timedelta(days=1))
    known = known_as_of(all_chains(conn), load_consent_events(), as_of)
    decided = all_decisions(known.chains, known.events, as_of=as_of)
    courses = fit_courses(decided, as_of)
    due = [d for d in decided if d.mission == mission and d.course is None and d.ends >= on]
    if not due:
        raise InputError(f"no {mission} mandate end pending on {as_of}", field="mission")
    pending = due[0]
    course_p = courses.predict([pending])[0]
    host = pending.host.value
    drafts: list[tuple[str, int | None, str]] = [
        (f"option {o.number}: {o.title}", o.number, o.action) for o in options
    ]
    drafts.append(("termination (as adopted in res. 2690)", None, Course.TERMINATE.value))
    queries = [
        DraftQuery(
            date=on,
            agenda=agenda,
            sponsors=sponsors,
            action=action,
            host_position=host,
            mission=mission,
            id=label,
        )
        for label, _, action in drafts
    ]
    precedent = _precedents(decided)
    out = []
    for (label, number, action), f in zip(drafts, forecast_drafts(model, queries), strict=True):
        p_course = float(course_p[COURSES.index(Course(action))])
        keeps = action in ("renew", "renew_with_changes")
        why = (
            f"if tabled it is adopted with probability {f.outcome.adopted:.2f} "
            f"(vetoed {f.outcome.vetoed:.2f}); the Council takes this course with probability "
            f"{p_course:.2f} given the host's position ({host}): {precedent}"
        )
        if keeps and host != "consents":
            why += (
                "; it keeps uniformed units that the host asked to leave, and peacekeeping rests "
                "on the host's consent (United Nations Peacekeeping Operations: Principles and "
                "Guidelines, 2008, ch. 3.1)"
            )
        out.append(
            CaseForecast(
                label=label,
                option=number,
                action=action,
                host_position=host,
                as_of=as_of,
                trained_through=model.trained_through,
                course_probability=p_course,
                forecast=f,
                why=why,
            )
        )
    top = max(f.course_probability for f in out)
    return [replace(f, likeliest=f.course_probability == top) for f in out]
