"""Seats and Council configurations: who holds a veto, how many votes a decision needs.

A configuration is data, not a code path: the rules engine (:mod:`unsc.rules`) and the power
indices (:mod:`unsc.power`) read the same :class:`CouncilConfig`. Presets cover the Council as it
was (1946-1965) and is (from 1966), and the main reform proposals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache

from unsc.errors import InputError

#: Permanent seats, named for the state that holds them today (Charter Art. 23(1)).
PERMANENT_SEATS: tuple[str, ...] = ("P-CHN", "P-FRA", "P-RUS", "P-GBR", "P-USA")

#: First day of the enlarged Council: GA res. 1991 A (XVIII) of 17 Dec 1963, in force
#: 31 Aug 1965; the first fifteen-member Council sat from 1 Jan 1966.
ENLARGED_FROM = date(1966, 1, 1)

#: The amended Art. 23 and 27 in force (GA res. 1991 A (XVIII)): from this day to
#: :data:`ENLARGED_FROM` the Charter said "nine" while eleven members still sat.
AMENDMENT_IN_FORCE = date(1965, 8, 31)


class SeatKind(StrEnum):
    """Permanent seats of the Charter, new permanent seats of a reform, and elected seats."""

    PERMANENT = "permanent"
    NEW_PERMANENT = "new_permanent"
    ELECTED = "elected"


@dataclass(frozen=True, slots=True)
class Seat:
    """One seat at the table; ``veto`` says whether its holder's "no" counts toward a veto."""

    seat_id: str
    kind: SeatKind
    veto: bool


@dataclass(frozen=True, slots=True)
class CouncilConfig:
    """The voting rules of one Council: its seats, quotas and what makes a veto.

    ``quota`` is the number of affirmative votes a non-procedural decision needs, and
    ``procedural_quota`` the number a procedural one needs (Art. 27(2) and (3)).
    ``veto_threshold`` is how many "no" votes from veto holders defeat a draft that has the
    quota: 1 under the Charter, 2 in the reform proposal "a veto needs two permanent members".
    """

    id: str
    name: str
    seats: tuple[Seat, ...]
    quota: int
    procedural_quota: int
    veto_threshold: int
    citation: str
    quota_published: bool = True
    notes: str = ""

    def __post_init__(self) -> None:
        ids = [s.seat_id for s in self.seats]
        if len(set(ids)) != len(ids):
            raise InputError(f"configuration {self.id}: seat ids repeat", field="seats")
        if not 1 <= self.quota <= len(self.seats):
            raise InputError(f"configuration {self.id}: quota out of range", field="quota")
        if not 1 <= self.procedural_quota <= len(self.seats):
            raise InputError(
                f"configuration {self.id}: procedural quota out of range", field="procedural_quota"
            )
        if self.veto_threshold < 1:
            raise InputError(
                f"configuration {self.id}: veto threshold must be at least 1",
                field="veto_threshold",
            )

    @property
    def size(self) -> int:
        return len(self.seats)

    @property
    def veto_seats(self) -> tuple[str, ...]:
        return tuple(s.seat_id for s in self.seats if s.veto)

    def seats_of(self, kind: SeatKind) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.kind is kind)

    def seat(self, seat_id: str) -> Seat:
        for s in self.seats:
            if s.seat_id == seat_id.upper():
                return s
        raise InputError(
            f"configuration {self.id} has no seat {seat_id!r}; seats: "
            + ", ".join(s.seat_id for s in self.seats),
            field="seat",
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "quota": self.quota,
            "procedural_quota": self.procedural_quota,
            "veto_threshold": self.veto_threshold,
            "veto_seats": list(self.veto_seats),
            "seats": [
                {"seat_id": s.seat_id, "kind": s.kind.value, "veto": s.veto} for s in self.seats
            ],
            "citation": self.citation,
            "quota_published": self.quota_published,
            "notes": self.notes,
        }


def _seats(*, new_permanent: int = 0, new_veto: bool = False, elected: int) -> tuple[Seat, ...]:
    seats = [Seat(s, SeatKind.PERMANENT, True) for s in PERMANENT_SEATS]
    seats += [Seat(f"NP{i}", SeatKind.NEW_PERMANENT, new_veto) for i in range(1, new_permanent + 1)]
    seats += [Seat(f"E{i}", SeatKind.ELECTED, False) for i in range(1, elected + 1)]
    return tuple(seats)


_UNPUBLISHED = (
    "The proposal does not state the Art. 27 quota in the sources gathered for unsc; the quota "
    "here is an assumption (about three fifths of the seats, as in the 9-of-15 rule)."
)


def council_presets() -> dict[str, CouncilConfig]:
    """Every named configuration, keyed by id, in a fixed order (a new dict on each call)."""
    return {p.id: p for p in _preset_list()}


@cache
def _preset_list() -> tuple[CouncilConfig, ...]:
    presets = [
        CouncilConfig(
            id="council-1946",
            name="Security Council 1946-1965 (11 members)",
            seats=_seats(elected=6),
            quota=7,
            procedural_quota=7,
            veto_threshold=1,
            citation="UN Charter Art. 23(1) and 27(2)-(3), 1945 text: five permanent and six "
            "elected members; seven affirmative votes.",
        ),
        CouncilConfig(
            id="council-1966",
            name="Security Council from 1966 (15 members)",
            seats=_seats(elected=10),
            quota=9,
            procedural_quota=9,
            veto_threshold=1,
            citation="UN Charter Art. 23(1) and 27(2)-(3) as amended by GA res. 1991 A (XVIII) "
            "of 17 Dec 1963, in force 31 Aug 1965; the enlarged Council sat from 1 Jan 1966.",
        ),
        CouncilConfig(
            id="veto-needs-two",
            name="A veto needs two permanent members (15 members)",
            seats=_seats(elected=10),
            quota=9,
            procedural_quota=9,
            veto_threshold=2,
            citation="Gould & Rablen, 'Reform of the UN Security Council: equity and "
            "efficiency', Public Choice (2017): the only one of 11 proposals that robustly "
            "dominates the status quo.",
        ),
        CouncilConfig(
            id="hlp-2004-a",
            name="High-level Panel 2004, model A (24 members)",
            seats=_seats(new_permanent=6, elected=13),
            quota=14,
            procedural_quota=14,
            veto_threshold=1,
            citation="A More Secure World, report of the High-level Panel on Threats, "
            "Challenges and Change (A/59/565, 2 Dec 2004), model A: six new permanent seats "
            "without veto and three new two-year seats.",
            quota_published=False,
            notes=_UNPUBLISHED,
        ),
        CouncilConfig(
            id="hlp-2004-b",
            name="High-level Panel 2004, model B (24 members)",
            seats=tuple(Seat(s, SeatKind.PERMANENT, True) for s in PERMANENT_SEATS)
            + tuple(Seat(f"L{i}", SeatKind.ELECTED, False) for i in range(1, 9))
            + tuple(Seat(f"E{i}", SeatKind.ELECTED, False) for i in range(1, 12)),
            quota=14,
            procedural_quota=14,
            veto_threshold=1,
            citation="A/59/565 (2004), model B: no new permanent seats; eight four-year "
            "renewable seats (L1-L8) and one new two-year seat.",
            quota_published=False,
            notes=_UNPUBLISHED
            + " Models A and B give the same a priori power: they differ in who holds seats "
            "over time, not in the voting rule.",
        ),
        CouncilConfig(
            id="g4-2005",
            name="G4 proposal 2005 (25 members)",
            seats=_seats(new_permanent=6, elected=14),
            quota=14,
            procedural_quota=14,
            veto_threshold=1,
            citation="G4 draft resolution A/59/L.64 (July 2005): six new permanent seats "
            "without veto until a review after 15 years, and four new elected seats.",
            quota_published=False,
            notes=_UNPUBLISHED,
        ),
        CouncilConfig(
            id="ufc-2005",
            name="Uniting for Consensus 2005 (25 members)",
            seats=_seats(elected=20),
            quota=15,
            procedural_quota=15,
            veto_threshold=1,
            citation="Uniting for Consensus draft resolution A/59/L.68 (21 Jul 2005): ten new "
            "elected seats, immediately re-eligible.",
            quota_published=False,
            notes=_UNPUBLISHED,
        ),
        CouncilConfig(
            id="ezulwini",
            name="African Union / Ezulwini Consensus, with veto (26 members)",
            seats=_seats(new_permanent=6, new_veto=True, elected=15),
            quota=15,
            procedural_quota=15,
            veto_threshold=1,
            citation="African Union draft resolution A/59/L.67 (2005) and the Ezulwini "
            "Consensus (AU, March 2005): six new permanent seats with all the prerogatives of "
            "the current permanent members, including the veto, and five new elected seats.",
            quota_published=False,
            notes=_UNPUBLISHED,
        ),
        CouncilConfig(
            id="ezulwini-no-veto",
            name="African Union / Ezulwini Consensus, new seats without veto (26 members)",
            seats=_seats(new_permanent=6, new_veto=False, elected=15),
            quota=15,
            procedural_quota=15,
            veto_threshold=1,
            citation="As 'ezulwini' (A/59/L.67), with the new permanent seats holding no veto: "
            "the variant often discussed as a compromise.",
            quota_published=False,
            notes=_UNPUBLISHED,
        ),
    ]
    return tuple(presets)


def council_preset(preset_id: str) -> CouncilConfig:
    """The preset with this id; an unknown id is an :class:`InputError` that lists the ids."""
    presets = council_presets()
    found = presets.get(preset_id.strip().lower())
    if found is None:
        raise InputError(
            f"unknown council preset {preset_id!r}; presets: {', '.join(presets)}",
            field="council",
        )
    return found


def config_for_size(size: int) -> CouncilConfig | None:
    """The real Council of this many members (11: 1946-1965, 15: from 1966), else ``None``.

    >>> config_for_size(15).quota, config_for_size(11).quota, config_for_size(24)
    (9, 7, None)
    """
    for preset_id in ("council-1946", "council-1966"):
        config = council_preset(preset_id)
        if config.size == size:
            return config
    return None


def size_on(on: date) -> int:
    """How many members the Council had on a date (Art. 23(1): 11, then 15 from 1966)."""
    return config_for_date(on).size


def quota_on(on: date) -> int:
    """How many affirmative votes a decision needed on a date (Art. 27: 7, then 9 from 1966)."""
    return config_for_date(on).quota


def config_for_date(on: date) -> CouncilConfig:
    """The Council's real configuration on a date: 11 seats and 7 votes before 1966, then 15 and 9.

    Between 31 Aug 1965 (the amendment in force) and 31 Dec 1965 the Charter already said
    "nine", but the Council still had eleven members; unsc keeps 7 of 11 for that window (the
    first election to the enlarged Council, in December 1965, was for terms from 1 Jan 1966:
    UN General Assembly, background note on Security Council elections,
    https://www.un.org/en/ga/62/plenary/election_sc/bkg.shtml) and the rules engine notes it.

    >>> config_for_date(date(1965, 12, 31)).id, config_for_date(date(1966, 1, 1)).id
    ('council-1946', 'council-1966')
    """
    return council_preset("council-1946" if on < ENLARGED_FROM else "council-1966")
