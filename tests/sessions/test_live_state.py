"""The live hub applies a ballot to the state its screens have instead of reading the database:
that state must be exactly the one the database gives (Hypothesis, on SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unsc.sessions import SessionStore
from unsc.sessions.live import parse_payload
from unsc.sessions.store import change_payload
from unsc.sessions.view import apply_ballot

CODES = ["ALB", "BRA", "CHN", "ECU", "FRA", "GAB", "GHA", "JPN", "MLT", "MOZ", "RUS", "CHE",
         "ARE", "GBR", "USA"]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionStore]:
    found = SessionStore(str(Path(tmp_path_factory.mktemp("live")) / "s.sqlite"), pool_size=2)
    yield found
    found.close()


@settings(max_examples=25, deadline=None)
@given(
    absent=st.sets(st.sampled_from(CODES), max_size=4),
    ballots=st.lists(
        st.tuples(st.sampled_from(CODES), st.sampled_from(["yes", "no", "abstain"])),
        min_size=1,
        max_size=25,
    ),
)
def test_a_ballot_applied_to_the_state_equals_the_state_read(
    store: SessionStore, absent: set[str], ballots: list[tuple[str, str]]
) -> None:
    created = store.create("2023-08-30", "Property")
    chair = store.viewer(created.id, created.chair_token)
    store.roll_call(chair, [c for c in CODES if c not in absent])
    store.add_question(chair, "draft", "first", allow_change=True)
    store.add_question(chair, "procedural", "second")
    store.open_question(chair, 1)
    state = store.state(created.id)
    for code, vote in ballots:
        if code in absent:
            continue
        voter = store.viewer(created.id, created.delegations[code])
        ballot, seq = store.cast(voter, 1, code, vote)
        if seq is None:
            continue
        sid, got_seq, carried = parse_payload(
            change_payload(created.id, seq, {"question": 1, "code": code, "vote": ballot["vote"]})
        )
        assert sid == created.id and got_seq == seq and carried == (1, code, vote)
        applied = apply_ballot(state, seq, *carried)
        read = store.state(created.id)
        assert applied == read
        state = read
    # A gap in the change numbers is never papered over.
    assert apply_ballot(state, state["seq"] + 2, 1, CODES[0], "yes") is None
