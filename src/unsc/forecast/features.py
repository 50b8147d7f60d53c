"""What the vote model sees: a draft put to the vote, and each member's history up to that day.

:class:`History` walks the record in date order and keeps recency-weighted counts (exponential
decay with a half-life in years) of each member's votes: overall, on the same agenda item, on the
same topic; the agenda item's own history (how often its drafts were contested, vetoed or failed);
and how often two members voted alike on contested drafts (the alignment used for sponsors and
for the P5 axis). :meth:`History.features` turns one draft into one row per member. Features use
only votes of earlier days, so a backtest never sees the vote it forecasts.

Agenda items are compared by a normalised key (:func:`agenda_key`): "The situation in Mali" and
"the situation in mali." are one item.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np
from numpy.typing import NDArray

from unsc import council
from unsc.errors import InputError
from unsc.forecast.outcome import VOTE_CLASSES
from unsc.states import is_state_code, names_of, state
from unsc.types import Matter, Outcome, Vote

PERMANENT_SEATS: tuple[str, ...] = tuple(sorted(council.PERMANENT_SEATS))
"""Permanent seat ids in the order of the feature columns (Charter Art. 23(1))."""

REGIONAL_GROUPS: tuple[str, ...] = ("African", "Asia-Pacific", "EEG", "GRULAC", "WEOG")
"""The UN's five electoral groups (GA res. 1991 A (XVIII) shares the elected seats by them)."""

WESTERN_P3: frozenset[str] = frozenset({"FRA", "GBR", "USA"})
EASTERN_P2: frozenset[str] = frozenset({"RUS", "SUN", "CHN"})

LONG_HALF_LIFE = 8.0
SHORT_HALF_LIFE = 1.5
_LN2 = math.log(2.0)

_PREFIXES = re.compile(
    r"^(the )?(situation|question|matter)s? (in|concerning|regarding|relating to|between|of|on) "
)


def agenda_key(text: str | None) -> str:
    """A normalised agenda item: case, accents, punctuation and "The situation in" dropped.

    >>> agenda_key("The situation in Mali."), agenda_key("the situation concerning  MALI")
    ('mali', 'mali')
    """
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"[^a-z0-9]+", " ", plain).strip()
    plain = _PREFIXES.sub("", plain)
    return re.sub(r"^the ", "", plain).strip()


def vote_class(vote: Vote) -> int:
    """Index of a vote in :data:`VOTE_CLASSES` (absence counts as not voting)."""
    return VOTE_CLASSES.index(Vote.NOT_VOTING if vote is Vote.ABSENT else vote)


@dataclass(frozen=True, slots=True)
class DraftSpec:
    """A draft as a forecast sees it: what is known before the vote.

    ``members`` maps each member's code to its seat id (a permanent seat id or ``"E"``).
    """

    date: date
    agenda: str
    members: Mapping[str, str]
    topic: str = ""
    sponsors: tuple[str, ...] = ()
    matter: Matter = Matter.SUBSTANTIVE

    @property
    def veto_holders(self) -> tuple[str, ...]:
        return tuple(c for c, s in self.members.items() if s != "E")


@dataclass(frozen=True, slots=True)
class RecordedDraft:
    """A draft from the record with the votes it got.

    ``complete`` is false when the record lacks some members' votes (before 1994 failed drafts
    have only tallies and vetoers); such drafts inform the history but train no member rows.
    """

    draft_id: int
    spec: DraftSpec
    outcome: Outcome
    votes: Mapping[str, Vote]
    complete: bool


def _decay(weight_t: float, now: float, half_life: float) -> float:
    return math.exp(-_LN2 * max(now - weight_t, 0.0) / half_life)


@dataclass(slots=True)
class _Counter:
    """Exponentially decayed counts, aged lazily to the time of use."""

    half_life: float
    counts: list[float]
    t: float = 0.0

    def at(self, now: float) -> list[float]:
        f = _decay(self.t, now, self.half_life)
        return [c * f for c in self.counts]

    def add(self, now: float, index: int, amount: float = 1.0) -> None:
        f = _decay(self.t, now, self.half_life)
        self.counts = [c * f for c in self.counts]
        self.counts[index] += amount
        self.t = now


def _years(d: date) -> float:
    return d.toordinal() / 365.2425


def _rates(counts: Sequence[float], prior: Sequence[float], strength: float) -> list[float]:
    total = sum(counts)
    return [(c + strength * p) / (total + strength) for c, p in zip(counts, prior, strict=True)]


@cache
def _name_keys(code: str) -> tuple[str, ...]:
    keys = []
    for entry in names_of(code):
        key = agenda_key(entry.name)
        if len(key) >= 4:
            keys.append(key)
    return tuple(keys)


def _named(code: str, text: str) -> bool:
    if not text or not is_state_code(code):
        return False
    padded = f" {text} "
    return any(f" {k} " in padded for k in _name_keys(code))


def _group(code: str) -> str:
    return state(code).regional_group if is_state_code(code) else ""


FEATURE_NAMES: tuple[str, ...] = (
    *(f"seat_{s}" for s in PERMANENT_SEATS),
    "seat_elected",
    *(f"group_{g}" for g in REGIONAL_GROUPS),
    "year",
    "matter_procedural",
    "matter_amendment",
    "matter_preliminary",
    "member_no",
    "member_abstain",
    "member_not_voting",
    "member_weight",
    "member_recent_no",
    "member_recent_abstain",
    "member_recent_not_voting",
    "agenda_member_no",
    "agenda_member_abstain",
    "agenda_member_weight",
    "topic_member_no",
    "topic_member_abstain",
    "topic_member_weight",
    "last_vote_no",
    "last_vote_abstain",
    "last_vote_years",
    "agenda_contested",
    "agenda_permanent_no",
    "agenda_not_adopted",
    "agenda_weight",
    "topic_contested",
    "topic_permanent_no",
    "topic_not_adopted",
    "topic_weight",
    "sponsor_self",
    "sponsor_count",
    "sponsors_known",
    "sponsor_western_p3",
    "sponsor_russia_china",
    "sponsor_alignment_min",
    "sponsor_alignment_mean",
    "sponsored_member_no",
    "sponsored_member_abstain",
    "group_agenda_no",
    "group_agenda_abstain",
    "named_in_agenda",
    "alignment_usa",
    "alignment_rus",
    "recent_contested",
    "contested_member_no",
    "contested_member_abstain",
    "contested_agenda_member_no",
    "contested_agenda_member_abstain",
    "contested_agenda_member_weight",
)


@dataclass(slots=True)
class History:
    """Recency-weighted voting history, updated one day of the record at a time."""

    member: dict[str, _Counter] = field(default_factory=dict)
    member_recent: dict[str, _Counter] = field(default_factory=dict)
    member_agenda: dict[tuple[str, str], _Counter] = field(default_factory=dict)
    member_topic: dict[tuple[str, str], _Counter] = field(default_factory=dict)
    last_vote: dict[tuple[str, str], tuple[int, float]] = field(default_factory=dict)
    agenda: dict[str, _Counter] = field(default_factory=dict)  # drafts, contested, P5 no, lost
    member_contested: dict[str, _Counter] = field(default_factory=dict)
    member_agenda_contested: dict[tuple[str, str], _Counter] = field(default_factory=dict)
    topic: dict[str, _Counter] = field(default_factory=dict)
    pairs: dict[tuple[str, str], _Counter] = field(default_factory=dict)  # agree, disagree
    member_sponsor: dict[tuple[str, str], _Counter] = field(default_factory=dict)
    group_agenda: dict[tuple[str, str], _Counter] = field(default_factory=dict)
    climate: _Counter = field(default_factory=lambda: _Counter(SHORT_HALF_LIFE, [0.0, 0.0]))
    global_counts: _Counter = field(
        default_factory=lambda: _Counter(LONG_HALF_LIFE, [0.0, 0.0, 0.0, 0.0])
    )
    last_date: date | None = None

    # -- reading ------------------------------------------------------------------------------
    def _global_prior(self, now: float) -> list[float]:
        counts = self.global_counts.at(now)
        return _rates(counts, [0.97, 0.01, 0.015, 0.005], 50.0)

    def _alignment(self, a: str, b: str, now: float) -> float:
        if a == b:
            return 1.0
        counter = self.pairs.get((a, b) if a < b else (b, a))
        if counter is None:
            return 0.75
        agree, disagree = counter.at(now)
        return (agree + 1.5) / (agree + disagree + 2.0)

    def _draft_rates(self, table: Mapping[str, _Counter], key: str, now: float) -> list[float]:
        counter = table.get(key) if key else None
        if counter is None:
            return [0.15, 0.05, 0.05, 0.0]
        n, contested, p5_no, lost = counter.at(now)
        return [
            (contested + 0.3) / (n + 2.0),
            (p5_no + 0.1) / (n + 2.0),
            (lost + 0.1) / (n + 2.0),
            math.log1p(n),
        ]

    def features(self, spec: DraftSpec) -> NDArray[np.float64]:
        """One row per member of ``spec.members`` (in its order), columns :data:`FEATURE_NAMES`."""
        now = _years(spec.date)
        a_key = agenda_key(spec.agenda)
        t_key = agenda_key(spec.topic)
        text = f"{a_key} {t_key}".strip()
        prior = self._global_prior(now)
        agenda_rates = self._draft_rates(self.agenda, a_key, now)
        member_topic = self.member_topic
        if t_key not in self.topic:
            # a topic the record never saw tells nothing: fall back on the agenda item
            t_key, member_topic = a_key, self.member_agenda
        topic_rates = self._draft_rates(
            self.topic if member_topic is self.member_topic else self.agenda, t_key, now
        )
        sponsors = tuple(spec.sponsors)
        recent = self.climate.at(now)
        recent_contested = (recent[1] + 1.0) / (recent[0] + 6.0)
        rows = []
        for code, seat in spec.members.items():
            row: list[float] = [1.0 if seat == s else 0.0 for s in PERMANENT_SEATS]
            row.append(1.0 if seat == "E" else 0.0)
            group = _group(code) if seat == "E" else ""
            row.extend(1.0 if group == g else 0.0 for g in REGIONAL_GROUPS)
            row.append((spec.date.year - 1990) / 10.0)
            row.extend(
                1.0 if spec.matter is m else 0.0
                for m in (Matter.PROCEDURAL, Matter.AMENDMENT, Matter.PRELIMINARY)
            )
            counter = self.member.get(code)
            counts = counter.at(now) if counter else [0.0] * 4
            overall = _rates(counts, prior, 5.0)
            row.extend(overall[1:])
            row.append(math.log1p(sum(counts)))
            counter = self.member_recent.get(code)
            rcounts = counter.at(now) if counter else [0.0] * 4
            row.extend(_rates(rcounts, overall, 5.0)[1:])
            tables = ((self.member_agenda, a_key), (member_topic, t_key))
            for table, key in tables:
                counter = table.get((code, key)) if key else None
                kcounts = counter.at(now) if counter else [0.0] * 4
                krates = _rates(kcounts, overall, 3.0)
                row.extend(krates[1:3])
                row.append(math.log1p(sum(kcounts)))
            last = self.last_vote.get((code, t_key)) if t_key else None
            if last is None:
                last = self.last_vote.get((code, a_key))
            if last is None:
                row.extend([0.0, 0.0, 10.0])
            else:
                cls, when = last
                row.extend([float(cls == 1), float(cls == 2), min(now - when, 10.0)])
            row.extend(agenda_rates)
            row.extend(topic_rates)
            row.append(1.0 if code in sponsors else 0.0)
            row.append(math.log1p(len(sponsors)))
            row.append(1.0 if sponsors else 0.0)
            row.append(1.0 if WESTERN_P3 & set(sponsors) else 0.0)
            row.append(1.0 if EASTERN_P2 & set(sponsors) else 0.0)
            aligns = [self._alignment(code, s, now) for s in sponsors if s in spec.members]
            row.append(min(aligns) if aligns else 0.75)
            row.append(sum(aligns) / len(aligns) if aligns else 0.75)
            on_sponsored = [
                _rates(self.member_sponsor[(code, s)].at(now), overall, 3.0)
                for s in sponsors
                if (code, s) in self.member_sponsor and s != code
            ]
            row.append(max((r[1] for r in on_sponsored), default=overall[1]))
            row.append(max((r[2] for r in on_sponsored), default=overall[2]))
            gkey = (seat if seat != "E" else group, a_key)
            gcounter = self.group_agenda.get(gkey)
            grates = _rates(gcounter.at(now) if gcounter else [0.0] * 4, prior, 5.0)
            row.extend(grates[1:3])
            row.append(1.0 if _named(code, text) else 0.0)
            row.append(self._alignment(code, "USA", now))
            row.append(self._alignment(code, "RUS", now))
            row.append(recent_contested)
            counter = self.member_contested.get(code)
            ccounts = counter.at(now) if counter else [0.0] * 4
            crates = _rates(ccounts, [0.8, 0.05, 0.13, 0.02], 5.0)
            row.extend(crates[1:3])
            counter = self.member_agenda_contested.get((code, a_key))
            acounts = counter.at(now) if counter else [0.0] * 4
            row.extend(_rates(acounts, crates, 3.0)[1:3])
            row.append(math.log1p(sum(acounts)))
            rows.append(row)
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))

    # -- writing ------------------------------------------------------------------------------
    def update(self, draft: RecordedDraft) -> None:
        """Add one draft's known votes (and its outcome) to the history."""
        spec = draft.spec
        now = _years(spec.date)
        a_key = agenda_key(spec.agenda)
        t_key = agenda_key(spec.topic)
        classes = {code: vote_class(v) for code, v in draft.votes.items()}
        for code, cls in classes.items():
            self.member.setdefault(code, _Counter(LONG_HALF_LIFE, [0.0] * 4)).add(now, cls)
            self.member_recent.setdefault(code, _Counter(SHORT_HALF_LIFE, [0.0] * 4)).add(now, cls)
            self.global_counts.add(now, cls)
            for table, key in ((self.member_agenda, a_key), (self.member_topic, t_key)):
                if key:
                    table.setdefault((code, key), _Counter(LONG_HALF_LIFE, [0.0] * 4)).add(now, cls)
            for key in (a_key, t_key):
                if key:
                    self.last_vote[(code, key)] = (cls, now)
            for sponsor in spec.sponsors:
                if sponsor in spec.members and sponsor != code:
                    self.member_sponsor.setdefault(
                        (code, sponsor), _Counter(LONG_HALF_LIFE, [0.0] * 4)
                    ).add(now, cls)
            seat = spec.members.get(code, "E")
            gkey = (seat if seat != "E" else _group(code), a_key)
            self.group_agenda.setdefault(gkey, _Counter(LONG_HALF_LIFE, [0.0] * 4)).add(now, cls)
        contested = draft.outcome is not Outcome.ADOPTED or any(c != 0 for c in classes.values())
        veto = set(spec.veto_holders)
        p5_no = draft.outcome is Outcome.VETOED or any(
            c == 1 for code, c in classes.items() if code in veto
        )
        lost = draft.outcome is not Outcome.ADOPTED
        draft_tables: tuple[tuple[dict[str, _Counter], str], ...] = (
            (self.agenda, a_key),
            (self.topic, t_key),
        )
        for draft_table, key in draft_tables:
            if not key:
                continue
            counter = draft_table.setdefault(key, _Counter(LONG_HALF_LIFE, [0.0] * 4))
            counter.add(now, 0)
            if contested:
                counter.add(now, 1)
            if p5_no:
                counter.add(now, 2)
            if lost:
                counter.add(now, 3)
        if contested:
            for code, cls in classes.items():
                self.member_contested.setdefault(code, _Counter(LONG_HALF_LIFE, [0.0] * 4)).add(
                    now, cls
                )
                if a_key:
                    self.member_agenda_contested.setdefault(
                        (code, a_key), _Counter(LONG_HALF_LIFE, [0.0] * 4)
                    ).add(now, cls)
        self.climate.add(now, 0)
        if contested:
            self.climate.add(now, 1)
        if contested and draft.complete:
            voters = sorted(c for c, k in classes.items() if k != 3)
            for i, a in enumerate(voters):
                for b in voters[i + 1 :]:
                    same = classes[a] == classes[b]
                    self.pairs.setdefault((a, b), _Counter(LONG_HALF_LIFE, [0.0, 0.0])).add(
                        now, 0 if same else 1
                    )
        self.last_date = spec.date if self.last_date is None else max(self.last_date, spec.date)


def by_day(drafts: Iterable[RecordedDraft]) -> Iterable[list[RecordedDraft]]:
    """Group drafts (already in date order) by day."""
    day: list[RecordedDraft] = []
    for d in drafts:
        if day and d.spec.date != day[0].spec.date:
            yield day
            day = []
        day.append(d)
    if day:
        yield day


def check_sponsors(sponsors: Iterable[str]) -> tuple[str, ...]:
    """Sponsor codes, upper-cased and checked against the known states."""
    out = []
    for raw in sponsors:
        code = raw.strip().upper()
        if not code:
            continue
        if not is_state_code(code):
            raise InputError(
                f"unknown sponsor code {raw!r}: use ISO 3166 alpha-3", field="sponsors"
            )
        out.append(code)
    return tuple(out)
