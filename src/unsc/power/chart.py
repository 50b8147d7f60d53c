"""A chart of a reform comparison: each kind's share of power, and the power to act."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from unsc.errors import InputError
from unsc.power.compare import Comparison

COLOURS = {"permanent": "#1f4e79", "new_permanent": "#6aa84f", "elected": "#e69138"}


def write_chart(comparisons: Sequence[Comparison], path: Path) -> Path:
    """Write a PNG or SVG (by the file's suffix): stacked shares per configuration, with the
    power to act on a second axis."""
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise InputError(f"chart file {path} must end in .png or .svg", field="chart")
    if not comparisons:
        raise InputError("nothing to chart", field="compare")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = [c.council for c in comparisons]
    fig, ax = plt.subplots(figsize=(max(6.0, 1.3 * len(labels) + 2), 4.5))
    bottoms = [0.0] * len(comparisons)
    seen: set[str] = set()
    for kind in COLOURS:
        heights = [
            100 * float(sum((k.share for k in c.kinds if k.kind == kind), start=0))
            for c in comparisons
        ]
        if not any(heights):
            continue
        label = kind.replace("_", " ")
        ax.bar(
            labels,
            heights,
            bottom=bottoms,
            color=COLOURS[kind],
            label=label if label not in seen else None,
        )
        seen.add(label)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_ylabel(f"share of power, % ({comparisons[0].index})")
    ax.set_ylim(0, 100)
    ax.tick_params(axis="x", rotation=30)
    act = ax.twinx()
    act.plot(labels, [100 * float(c.power_to_act) for c in comparisons], "ko-", label="act")
    act.set_ylabel("Coleman power to act, %")
    act.set_ylim(bottom=0)
    handles, names = ax.get_legend_handles_labels()
    act_handles, act_names = act.get_legend_handles_labels()
    ax.legend(
        handles + act_handles,
        names + ["power to act"],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.28),
        ncol=4,
        fontsize="small",
        frameon=False,
    )
    ax.set_title("Security Council configurations: who holds the power")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=suffix[1:])
    plt.close(fig)
    return path
