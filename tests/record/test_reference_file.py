"""Format checks of the independent reference of record facts in ``tests/data/``.

Only the shape of the files is tested here (columns, field names, value conventions, member
codes, coverage); comparing the facts with the record is the audit's job. The format is the one
described in ``tests/data/README.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from unsc.record.audit import FIELDS

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
STATES = REPO / "src" / "unsc" / "data" / "states.csv"
FIRST = DATA / "record_reference.csv"
SECOND = DATA / "record_reference_second.csv"
# Gathered apart from the work on the record and never used to correct it (tests/data/README.md).
HOLDOUT = DATA / "record_reference_holdout.csv"

COLUMNS = ["subject", "field", "value", "source", "note"]
# the fields `unsc record audit` compares (its own list, so the two cannot drift apart)
PLAIN_FIELDS = set(FIELDS)
VOTE_LINES = {"voted", "without_vote", "consensus", "paragraphs"}
OUTCOMES = {"adopted", "failed", "vetoed"}
MATTERS = {"procedural", "substantive"}
KINDS = {"draft", "amendment", "membership", "preliminary"}
MEMBER_VOTES = {"yes", "no", "abstain", "not_voting", "absent"}
# Charter Art. 23(1): the permanent seats (USSR to 1991, Republic of China to 25 Oct 1971).
PERMANENT = {"CHN", "FRA", "GBR", "RUS", "SUN", "TWN", "USA"}
SUBJECT = re.compile(r"^(res:[1-9][0-9]*|draft:S/[0-9A-Za-z./-]+)$")
TALLY = re.compile(r"^([0-9]{1,2})-([0-9]{1,2})-([0-9]{1,2})$")
SYMBOL = re.compile(r"^S/[0-9A-Za-z./-]+$")
DECADES = range(1940, 2030, 10)
# Paths that would mean a fact was taken from the build's own inputs or outputs.
FORBIDDEN_SOURCES = ("shared/data", "var/", ".sqlite", "unsc record", "unsc resolution")

Row = dict[str, str]


def member_codes() -> set[str]:
    with STATES.open(encoding="utf-8", newline="") as f:
        return {row["code"] for row in csv.DictReader(f)}


def read(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, line, strict=True)) for line in reader]
    return header, rows


def codes_ok(value: str, known: set[str]) -> bool:
    codes = value.split(";")
    return codes == sorted(codes) and len(set(codes)) == len(codes) and set(codes) <= known


def problems_in_row(row: Row, known: set[str]) -> list[str]:
    """Every way one row breaks the format, as readable messages."""
    subject, field, value = row["subject"], row["field"], row["value"]
    found: list[str] = []
    if not SUBJECT.match(subject):
        found.append(f"subject {subject!r} is neither res:NNN nor draft:S/...")
    if not row["source"].strip():
        found.append("no source")
    if any(bad in row["source"] for bad in FORBIDDEN_SOURCES):
        found.append(f"source {row['source']!r} points at the build's own data")
    if value != value.strip() or not value:
        found.append(f"value {value!r} is empty or padded")
    if field.startswith("vote:"):
        if field[5:] not in known:
            found.append(f"member code {field[5:]!r} is not in states.csv")
        if value not in MEMBER_VOTES:
            found.append(f"member vote {value!r} not in {sorted(MEMBER_VOTES)}")
        return found
    if field not in PLAIN_FIELDS:
        found.append(f"field {field!r} is not a known field")
    elif field == "date":
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            found.append(f"date {value!r} is not ISO")
        else:
            if not dt.date(1946, 1, 17) <= day <= dt.date.today():
                found.append(f"date {value} is outside the Council's life")
    elif field == "tally":
        match = TALLY.match(value)
        if not match or sum(int(n) for n in match.groups()) > 15:
            found.append(f"tally {value!r} is not Y-N-A of at most 15 votes")
    elif field == "vote_line" and value not in VOTE_LINES:
        found.append(f"vote line {value!r} not in {sorted(VOTE_LINES)}")
    elif field == "outcome" and value not in OUTCOMES:
        found.append(f"outcome {value!r} not in {sorted(OUTCOMES)}")
    elif field == "matter" and value not in MATTERS:
        found.append(f"matter {value!r} not in {sorted(MATTERS)}")
    elif field == "kind" and value not in KINDS:
        found.append(f"kind {value!r} not in {sorted(KINDS)}")
    elif field == "vetoed_by" and not codes_ok(value, PERMANENT):
        found.append(f"vetoed_by {value!r} is not sorted permanent-member codes")
    elif field == "sponsors" and not codes_ok(value, known):
        found.append(f"sponsors {value!r} are not sorted codes from states.csv")
    elif field == "amends" and not SYMBOL.match(value):
        found.append(f"amends {value!r} is not a document symbol")
    return found


def problems_across_rows(rows: list[Row]) -> list[str]:
    """Contradictions between the facts given for one subject."""
    by_subject: dict[str, dict[str, str]] = defaultdict(dict)
    found: list[str] = []
    for row in rows:
        facts = by_subject[row["subject"]]
        if row["field"] in facts:
            found.append(f"{row['subject']}: {row['field']} given twice")
        facts[row["field"]] = row["value"]
    for subject, facts in by_subject.items():
        if "tally" in facts and facts.get("vote_line") in {"without_vote", "consensus"}:
            found.append(f"{subject}: a tally for a decision taken without a vote")
        if subject.startswith("res:") and facts.get("outcome", "adopted") != "adopted":
            found.append(f"{subject}: a resolution whose outcome is not adopted")
        if "vetoed_by" in facts:
            if not subject.startswith("draft:"):
                found.append(f"{subject}: only drafts can be vetoed")
            if facts.get("outcome", "vetoed") != "vetoed":
                found.append(f"{subject}: vetoed_by without outcome vetoed")
            for code in facts["vetoed_by"].split(";"):
                if facts.get(f"vote:{code}", "no") != "no":
                    found.append(f"{subject}: {code} vetoed but did not vote no")
        # Charter Art. 23 before the 1965 amendment: eleven members.
        early = "tally" in facts and facts.get("date", "9999") < "1966-01-01"
        if early and sum(int(n) for n in facts["tally"].split("-")) > 11:
            found.append(f"{subject}: more than 11 votes before 1966")
        if "amends" in facts and facts.get("kind", "amendment") != "amendment":
            found.append(f"{subject}: amends given but kind is not amendment")
    return found


def facts_per_decade(rows: list[Row]) -> Counter[int]:
    dates = {r["subject"]: r["value"] for r in rows if r["field"] == "date"}
    return Counter(int(dates[r["subject"]][:3]) * 10 for r in rows if r["subject"] in dates)


@pytest.fixture(scope="module")
def known() -> set[str]:
    return member_codes()


@pytest.mark.parametrize("path", [FIRST, SECOND, HOLDOUT], ids=["first", "second", "holdout"])
def test_reference_file_is_well_formed(path: Path, known: set[str]) -> None:
    header, rows = read(path)
    assert header == COLUMNS
    found = [
        f"{path.name}:{n}: {problem}"
        for n, row in enumerate(rows, 2)
        for problem in problems_in_row(row, known)
    ]
    found += [f"{path.name}: {p}" for p in problems_across_rows(rows)]
    assert found == []


def test_first_reference_covers_every_decade() -> None:
    _, rows = read(FIRST)
    assert len(rows) >= 400
    per_decade = facts_per_decade(rows)
    assert {decade: per_decade[decade] for decade in DECADES if per_decade[decade] < 30} == {}


def test_first_reference_has_the_kinds_of_fact_the_audit_needs() -> None:
    _, rows = read(FIRST)
    fields = Counter(r["field"] if not r["field"].startswith("vote:") else "vote" for r in rows)
    needed = {"date", "tally", "vote_line", "outcome", "vetoed_by", "matter", "kind", "vote"}
    assert needed <= set(fields)
    assert any(r["field"] == "vote:CHN" and r["value"] == "not_voting" for r in rows)
    assert any(r["field"] == "vote:SUN" and r["value"] == "absent" for r in rows)
    assert any(r["field"] == "vote_line" and r["value"] == "without_vote" for r in rows)


def test_second_reference_is_held_out() -> None:
    _, first = read(FIRST)
    _, second = read(SECOND)
    assert len(second) >= 100
    assert {r["subject"] for r in first} & {r["subject"] for r in second} == set()


def test_holdout_reference_is_held_out_and_covers_every_decade() -> None:
    _, holdout = read(HOLDOUT)
    assert len(holdout) >= 200
    earlier = {r["subject"] for path in (FIRST, SECOND) for r in read(path)[1]}
    assert {r["subject"] for r in holdout} & earlier == set()
    per_decade = facts_per_decade(holdout)
    assert {decade: per_decade[decade] for decade in DECADES if per_decade[decade] < 15} == {}


def test_row_checks_catch_bad_rows(known: set[str]) -> None:
    """The checks above can fail: each of these rows breaks one convention."""
    base = {"subject": "res:387", "source": "S/RES/387 (1976)", "note": ""}
    bad = [
        {**base, "field": "date", "value": "31 March 1976"},
        {**base, "field": "tally", "value": "9-0-5-1"},
        {**base, "field": "vote:XXX", "value": "yes"},
        {**base, "field": "vote:CHN", "value": "did not participate"},
        {**base, "field": "vetoed_by", "value": "USA;GBR"},
        {**base, "field": "colour", "value": "blue"},
        {**base, "subject": "resolution 387", "field": "date", "value": "1976-03-31"},
        {**base, "field": "date", "value": "1976-03-31", "source": "../shared/data/x.csv"},
    ]
    assert all(problems_in_row(row, known) for row in bad)
    assert problems_in_row({**base, "field": "tally", "value": "9-0-5"}, known) == []
    clash = [
        {**base, "field": "tally", "value": "15-0-0"},
        {**base, "field": "vote_line", "value": "without_vote"},
    ]
    assert problems_across_rows(clash) != []
