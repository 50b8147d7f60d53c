"""Seats and Council configurations: who holds a veto, how many votes a decision needs.

A configuration is data, not a code path: the rules engine (:mod:`unsc.rules`) and the power
indices (:mod:`unsc.power`) read the same :class:`CouncilConfig`. Presets cover the Council as it
was (1946-1965) and is (from 1966), and the main reform proposals; they are data, read from
``unsc/data/presets.toml`` (each with its citation) by :func:`load_presets`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Annotated, TypedDict

from unsc._data import data_text
from unsc.errors import InputError, RecordError

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


class SeatDict(TypedDict):
    """A :class:`Seat` as a configuration's ``to_dict`` lists it."""

    seat_id: str
    kind: Annotated[str, SeatKind]
    veto: bool


class ConfigDict(TypedDict):
    """A :class:`CouncilConfig` as ``unsc presets --json`` and the HTTP API send it: its
    fields (``source`` left out) and ``size`` and ``veto_seats``, derived from the seats."""

    id: str
    name: str
    size: int
    quota: int
    procedural_quota: int
    veto_threshold: int
    veto_seats: list[str]
    seats: list[SeatDict]
    citation: str
    quota_published: bool
    notes: str


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
    source: str = field(default="", compare=False)

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
        """How many seats the Council has."""
        return len(self.seats)

    @property
    def veto_seats(self) -> tuple[str, ...]:
        """The ids of the seats whose "no" counts toward a veto."""
        return tuple(s.seat_id for s in self.seats if s.veto)

    def seats_of(self, kind: SeatKind) -> tuple[Seat, ...]:
        """The seats of one kind, in seat order."""
        return tuple(s for s in self.seats if s.kind is kind)

    def seat(self, seat_id: str) -> Seat:
        """The seat with this id (any case); an unknown id is an :class:`InputError`."""
        for s in self.seats:
            if s.seat_id == seat_id.upper():
                return s
        raise InputError(
            f"configuration {self.id} has no seat {seat_id!r}; seats: "
            + ", ".join(s.seat_id for s in self.seats),
            field="seat",
        )

    def to_dict(self) -> ConfigDict:
        """The configuration as ``unsc presets --json`` and the HTTP API give it."""
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


def _seats(
    *, new_permanent: int = 0, new_veto: bool = False, renewable: int = 0, elected: int
) -> tuple[Seat, ...]:
    seats = [Seat(s, SeatKind.PERMANENT, True) for s in PERMANENT_SEATS]
    seats += [Seat(f"NP{i}", SeatKind.NEW_PERMANENT, new_veto) for i in range(1, new_permanent + 1)]
    seats += [Seat(f"L{i}", SeatKind.ELECTED, False) for i in range(1, renewable + 1)]
    seats += [Seat(f"E{i}", SeatKind.ELECTED, False) for i in range(1, elected + 1)]
    return tuple(seats)


PRESETS_FILE = "presets.toml"

_PRESET_FIELDS: dict[str, type] = {
    "id": str,
    "name": str,
    "new_permanent": int,
    "new_veto": bool,
    "renewable": int,
    "elected": int,
    "quota": int,
    "procedural_quota": int,
    "veto_threshold": int,
    "quota_published": bool,
    "source": str,
    "citation": str,
    "notes": str,
}
_REQUIRED = ("id", "name", "elected", "quota", "procedural_quota", "veto_threshold", "citation")


def parse_presets(text: str, *, file: str = PRESETS_FILE) -> tuple[CouncilConfig, ...]:
    """Read Council configurations from the TOML text of a presets file.

    Each ``[[preset]]`` table gives an id, a name, its seats (``new_permanent``, ``new_veto``,
    ``renewable``, ``elected`` beside the five permanent seats), the quotas, the veto
    threshold and a citation. A missing or mistyped field is a :class:`RecordError` naming
    the file, the preset and the field.

    >>> [p.id for p in parse_presets('''
    ... [[preset]]
    ... id = "tiny"
    ... name = "Five permanent and two elected"
    ... elected = 2
    ... quota = 4
    ... procedural_quota = 4
    ... veto_threshold = 1
    ... citation = "an example"
    ... ''')]
    ['tiny']
    """
    import tomllib  # read once, only when the presets are first needed

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RecordError(str(exc), file=file) from None
    unpublished = data.get("unpublished_note", "")
    found: list[CouncilConfig] = []
    for index, table in enumerate(data.get("preset", []), start=1):
        where = f"{file} preset {index} ({table.get('id', '?')})"
        for key in _REQUIRED:
            if key not in table:
                raise RecordError("missing", file=where, field=key)
        for key, value in table.items():
            kind = _PRESET_FIELDS.get(key)
            if kind is None:
                raise RecordError("unknown field", file=where, field=key)
            if type(value) is not kind:
                raise RecordError(f"must be {kind.__name__}, not {value!r}", file=where, field=key)
        published = table.get("quota_published", True)
        notes = table.get("notes", "")
        if not published:
            notes = f"{unpublished} {notes}".strip()
        try:
            config = CouncilConfig(
                id=table["id"],
                name=table["name"],
                seats=_seats(
                    new_permanent=table.get("new_permanent", 0),
                    new_veto=table.get("new_veto", False),
                    renewable=table.get("renewable", 0),
                    elected=table["elected"],
                ),
                quota=table["quota"],
                procedural_quota=table["procedural_quota"],
                veto_threshold=table["veto_threshold"],
                citation=table["citation"],
                quota_published=published,
                notes=notes,
                source=table.get("source", ""),
            )
        except InputError as exc:
            raise RecordError(str(exc), file=where, field=exc.field) from None
        found.append(config)
    ids = [p.id for p in found]
    if len(set(ids)) != len(ids):
        raise RecordError("preset ids repeat", file=file, field="id")
    return tuple(found)


@cache
def load_presets() -> tuple[CouncilConfig, ...]:
    """The presets shipped in ``unsc/data/presets.toml``, in file order (read once)."""
    text = data_text(PRESETS_FILE)
    return parse_presets(text)


def council_presets() -> dict[str, CouncilConfig]:
    """Every named configuration, keyed by id, in a fixed order (a new dict on each call)."""
    return {p.id: p for p in load_presets()}


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
