"""What a draft does to a mandate and the host's position: the inputs of issue 12, item 2."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from unsc.errors import InputError
from unsc.forecast.batch import read_batch
from unsc.forecast.features import FEATURE_NAMES, MANDATE_FEATURES, mandate_row
from unsc.forecast.mandate import (
    Action,
    chain_actions,
    host_position,
    infer_act,
    parse_host_position,
)
from unsc.missions.chain import mandate_chain
from unsc.missions.loaders import find_mission, load_consent_events
from unsc.missions.models import HostPosition


def test_malis_position_changes_on_the_day_it_asked_minusma_to_leave() -> None:
    # Mali's Foreign Minister asked for MINUSMA's withdrawal on 16 June 2023; from
    # July 2022 Mali restricted the mission (rotations suspended, spokesperson expelled).
    mission, events = find_mission("MINUSMA"), load_consent_events()
    assert host_position(mission, date(2021, 1, 1), events) is HostPosition.CONSENTS
    assert host_position(mission, date(2023, 6, 15), events) is HostPosition.RESTRICTS
    assert host_position(mission, date(2023, 6, 16), events) is HostPosition.REQUESTS_WITHDRAWAL


def test_a_position_is_read_only_from_events_of_earlier_days() -> None:
    mission, events = find_mission("MINUSMA"), load_consent_events()
    early = [e for e in events if e.date <= date(2023, 6, 15)]
    for day in (date(2022, 7, 1), date(2023, 3, 1), date(2023, 6, 15)):
        assert host_position(mission, day, events) is host_position(mission, day, early)


def test_the_chain_tells_what_each_resolution_did() -> None:
    actions = chain_actions(mandate_chain("MINUSMA"))
    assert actions[2100] is Action.ESTABLISH  # S/RES/2100 (2013) established MINUSMA
    assert actions[2690] is Action.TERMINATE  # S/RES/2690 (2023) ended its mandate
    # UNMIL's last extension, res. 2333 (2016), announced the end of the mission (final_mandate)
    assert chain_actions(mandate_chain("UNMIL"))[2333] is Action.TERMINATE


def test_a_draft_naming_a_mission_is_a_renewal_with_the_hosts_position_of_that_day() -> None:
    assert infer_act(None, "MINUSMA renewal", "", date(2023, 6, 30)) == (
        "MINUSMA",
        "renew",
        "requests_withdrawal",
    )
    # known only up to the day before Mali's request
    _, _, host = infer_act("minusma", "", "", date(2023, 6, 30), known_on=date(2023, 6, 15))
    assert host == "restricts"
    assert infer_act(None, "The situation in Mali", "", date(2023, 6, 30)) == ("", "", "")
    assert infer_act(None, "x", "", date(2023, 6, 30), action="terminate")[1] == "terminate"


def test_bad_actions_and_positions_are_named() -> None:
    with pytest.raises(InputError, match="unknown action 'extend'"):
        infer_act(None, "x", "", date(2023, 1, 1), action="extend")
    with pytest.raises(InputError, match="unknown host position"):
        parse_host_position("angry")
    with pytest.raises(InputError) as found:
        infer_act("NOPE", "x", "", date(2023, 1, 1))
    assert found.value.field == "mission"
    assert parse_host_position("withdrawal") is HostPosition.REQUESTS_WITHDRAWAL


def test_mandate_features_mark_a_draft_that_keeps_a_mission_against_its_host() -> None:
    assert set(MANDATE_FEATURES) <= set(FEATURE_NAMES)
    index = {n: i for i, n in enumerate(MANDATE_FEATURES)}
    unrelated = mandate_row("", "")
    assert unrelated == [0.0] * len(MANDATE_FEATURES)
    keep = mandate_row("renew", "requests_withdrawal")
    end = mandate_row("terminate", "requests_withdrawal")
    calm = mandate_row("renew", "consents")
    assert keep[index["keeps_against_host"]] == 1.0
    assert end[index["keeps_against_host"]] == 0.0
    assert calm[index["host_against"]] == 0.0
    assert keep[index["host_level"]] > calm[index["host_level"]]


def test_batch_lines_take_action_and_host_position(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "date": "2023-06-30", "agenda": "The situation in Mali", "mission": "MINUSMA"},
        {
            "id": "b",
            "date": "2023-06-30",
            "agenda": "The situation in Mali",
            "action": "terminate",
            "host_position": "requests_withdrawal",
        },
    ]
    path = tmp_path / "drafts.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    a, b = read_batch(path)
    assert (a.mission, a.action, a.host_position) == ("MINUSMA", "renew", "requests_withdrawal")
    assert (b.action, b.host_position) == ("terminate", "requests_withdrawal")
    path.write_text(
        json.dumps({"date": "2023-06-30", "agenda": "x", "host_position": "cross"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"line 1: unknown host position 'cross'"):
        read_batch(path)
