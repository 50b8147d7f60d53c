"""Comparing Council configurations: who gains and who loses power under a reform.

For each configuration: the power of one seat of each kind (permanent, new permanent,
elected), the share of each kind taken together, and Coleman's power of the collectivity to
act (how easily the Council decides anything at all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypedDict

from unsc.council import CouncilConfig, SeatKind, council_preset
from unsc.power.games import council_game
from unsc.power.indices import power_indices

KIND_ORDER: tuple[SeatKind, ...] = (SeatKind.PERMANENT, SeatKind.NEW_PERMANENT, SeatKind.ELECTED)


class KindPowerDict(TypedDict):
    """A :class:`KindPower` as sent: fractions as floats, and exactly as ``"p/q"`` text."""

    kind: str
    seats: int
    veto: bool
    per_seat: float
    share: float
    per_seat_exact: str
    share_exact: str


class ComparisonDict(TypedDict):
    """A :class:`Comparison` as ``unsc power --compare --json`` and ``/api/power`` send it."""

    council: str
    name: str
    size: int
    quota: int
    veto_threshold: int
    index: str
    power_to_act: float
    power_to_act_exact: str
    quota_published: bool
    kinds: list[KindPowerDict]


@dataclass(frozen=True, slots=True)
class KindPower:
    """The seats of one kind in one configuration."""

    kind: str
    seats: int
    veto: bool
    per_seat: Fraction
    share: Fraction


@dataclass(frozen=True, slots=True)
class Comparison:
    """One configuration's power profile under one index."""

    council: str
    name: str
    size: int
    quota: int
    veto_threshold: int
    index: str
    kinds: tuple[KindPower, ...]
    power_to_act: Fraction
    quota_published: bool

    def to_dict(self) -> ComparisonDict:
        return {
            "council": self.council,
            "name": self.name,
            "size": self.size,
            "quota": self.quota,
            "veto_threshold": self.veto_threshold,
            "index": self.index,
            "power_to_act": float(self.power_to_act),
            "power_to_act_exact": str(self.power_to_act),
            "quota_published": self.quota_published,
            "kinds": [
                {
                    "kind": k.kind,
                    "seats": k.seats,
                    "veto": k.veto,
                    "per_seat": float(k.per_seat),
                    "share": float(k.share),
                    "per_seat_exact": str(k.per_seat),
                    "share_exact": str(k.share),
                }
                for k in self.kinds
            ],
        }


def compare_config(config: CouncilConfig, index: str = "shapley-shubik") -> Comparison:
    """The power profile of one configuration (exact)."""
    game = council_game(config)
    results = power_indices(game, [index, "coleman-act"], exact=True)
    values = results[index]
    kinds: list[KindPower] = []
    for kind in KIND_ORDER:
        seats = config.seats_of(kind)
        if not seats:
            continue
        by_veto: dict[bool, list[Fraction]] = {}
        for seat in seats:
            by_veto.setdefault(seat.veto, []).append(Fraction(values.value_of(seat.seat_id)))
        for veto, found in sorted(by_veto.items(), reverse=True):
            kinds.append(
                KindPower(
                    kind=kind.value,
                    seats=len(found),
                    veto=veto,
                    per_seat=found[0],
                    share=sum(found, Fraction(0)),
                )
            )
    return Comparison(
        council=config.id,
        name=config.name,
        size=config.size,
        quota=config.quota,
        veto_threshold=config.veto_threshold,
        index=index,
        kinds=tuple(kinds),
        power_to_act=Fraction(results["coleman-act"].values[0]),
        quota_published=config.quota_published,
    )


def compare(presets: Sequence[str], index: str = "shapley-shubik") -> list[Comparison]:
    """Power profiles of several presets, in the order given."""
    return [compare_config(council_preset(p), index) for p in presets]


def comparison_rows(comparisons: Sequence[Comparison]) -> list[dict[str, object]]:
    """Flat rows for a table: one per configuration and kind of seat."""
    rows: list[dict[str, object]] = []
    for c in comparisons:
        for k in c.kinds:
            rows.append(
                {
                    "council": c.council,
                    "seats": f"{c.size} ({c.quota} to pass)",
                    "kind": k.kind + (" (veto)" if k.veto and k.kind != "permanent" else ""),
                    "n": k.seats,
                    "per_seat": f"{float(k.per_seat):.4g}",
                    "share": f"{100 * float(k.share):.2f}%",
                    "power_to_act": f"{float(c.power_to_act):.5f}",
                }
            )
    return rows
