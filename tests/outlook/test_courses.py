"""The course taken at each mandate end, the course model, and what was known on a day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.missions.chain import mandate_chain
from unsc.missions.loaders import load_consent_events
from unsc.missions.models import (
    ActionKind,
    ConsentEvent,
    ConsentEventKind,
    DatePrecision,
    HostPosition,
    MandateResolution,
)
from unsc.outlook.courses import (
    COURSES,
    Course,
    Decision,
    all_decisions,
    baseline_last_time,
    baseline_renew,
    decisions,
    fit_courses,
)
from unsc.outlook.known import known_as_of

JUNE_2023 = date(2023, 6, 17)


def _minusma() -> dict[str, object]:
    return {"MINUSMA": mandate_chain("MINUSMA")}


def test_minusmas_mandate_ends_and_the_courses_taken() -> None:
    found = decisions(mandate_chain("MINUSMA"), load_consent_events())
    by_end = {d.ends: d for d in found}
    # res. 2640 (2022) ran to 30 June 2023; res. 2690 (30 June 2023) ended the mandate
    last = by_end[date(2023, 6, 30)]
    assert last.set_by.number == 2640
    assert last.course is Course.TERMINATE
    assert last.decided_by is not None and last.decided_by.number == 2690
    assert last.host is HostPosition.REQUESTS_WITHDRAWAL  # on 29 June, the day before the vote
    # the renewal of June 2022 (res. 2640) renewed the mandate set by res. 2584 (2021)
    assert by_end[date(2022, 6, 30)].course is not None


def test_as_of_the_day_before_the_vote_the_course_is_unknown() -> None:
    known = known_as_of(_minusma(), load_consent_events(), JUNE_2023)  # type: ignore[arg-type]
    pending = [
        d for d in all_decisions(known.chains, known.events, as_of=JUNE_2023) if d.course is None
    ]
    assert [(d.mission, d.ends) for d in pending] == [("MINUSMA", date(2023, 6, 30))]
    assert pending[0].host is HostPosition.REQUESTS_WITHDRAWAL


def _future_noise(as_of: date) -> tuple[MandateResolution, ConsentEvent]:
    """A resolution and a host event dated after ``as_of``: what a leak would pick up."""
    fake = MandateResolution(
        mission="MINUSMA",
        number=9999,
        date=date(2023, 6, 20),
        action=ActionKind.DRAW_DOWN,
        mandate_end=date(2024, 6, 30),
        military=1,
    )
    event = ConsentEvent(
        mission="MINUSMA",
        date=date(2023, 6, 18),
        precision=DatePrecision.DAY,
        kind=ConsentEventKind.CONSENT,
        actor="MLI",
        title="(a test event after the day)",
        detail="",
        source="test",
        position=HostPosition.CONSENTS,
    )
    assert fake.date is not None and fake.date > as_of and event.date > as_of
    return fake, event


def test_nothing_dated_after_as_of_changes_the_course_forecast() -> None:
    from unsc.missions.chain import all_chains

    chains = all_chains()
    events = load_consent_events()
    fake, event = _future_noise(JUNE_2023)
    noisy = dict(chains)
    noisy["MINUSMA"] = replace(chains["MINUSMA"], entries=(*chains["MINUSMA"].entries, fake))
    outcomes = []
    for c, e in ((chains, events), (noisy, (*events, event))):
        known = known_as_of(c, e, JUNE_2023)
        found = all_decisions(known.chains, known.events, as_of=JUNE_2023)
        model = fit_courses(found, JUNE_2023)
        due = [d for d in found if d.course is None and not d.gap]
        outcomes.append([(d.mission, d.ends, d.host, tuple(model.predict([d])[0])) for d in due])
    assert outcomes[0] == outcomes[1]
    # and the mission's ending (res. 2690, missions.csv) is hidden on that day
    assert known.chains["MINUSMA"].mission.terminated_by is None
    assert known.chains["MINUSMA"].mission.end is None


def test_the_model_trains_only_on_courses_known_by_its_day() -> None:
    found = all_decisions(_minusma(), load_consent_events(), as_of=None)  # type: ignore[arg-type]
    model = fit_courses(found, date(2020, 1, 1))
    assert model.trained_on == sum(
        1 for d in found if d.course and not d.gap and d.known_on and d.known_on <= date(2020, 1, 1)
    )


@settings(max_examples=40, deadline=None)
@given(
    host=st.sampled_from(list(HostPosition)),
    contested=st.booleans(),
    settings_=st.integers(1, 40),
    years=st.floats(0.0, 60.0),
)
def test_course_probabilities_are_a_distribution(
    host: HostPosition, contested: bool, settings_: int, years: float
) -> None:
    found = decisions(mandate_chain("MINUSMA"), load_consent_events())
    model = fit_courses(found, date(2024, 1, 1))
    d = replace(
        found[-1], host=host, contested_last=contested, settings=settings_, years_running=years
    )
    p = model.predict([d])[0]
    assert np.isclose(p.sum(), 1.0) and (p > 0).all()
    for baseline in (baseline_renew, baseline_last_time):
        q = baseline(d)
        assert np.isclose(q.sum(), 1.0) and q.argmax() < len(COURSES)


def test_decision_features_have_a_fixed_width() -> None:
    found = decisions(mandate_chain("MINUSMA"), load_consent_events())
    widths = {len(d.features()) for d in found}
    assert len(widths) == 1
    assert isinstance(found[0], Decision)
