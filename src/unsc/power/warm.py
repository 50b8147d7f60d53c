"""Compile the Numba kernels once, at set-up, so that the first ``unsc power`` is not slow.

The kernels of :mod:`unsc.power.kernels` are compiled with ``cache=True``: Numba writes the
machine code beside the module and later processes load it instead of compiling again. This
module runs each kernel once, through the same calls ``unsc power`` makes, on a small weighted
game, and lets matplotlib build its font cache (which ``--chart`` needs); ``make install`` runs
it (``python -m unsc.power.warm``).
"""

from __future__ import annotations

import time

from unsc.power.games import weighted_game
from unsc.power.indices import power_index


def warm() -> float:
    """Run every compiled kernel once and build matplotlib's font cache (``--chart``);
    return the seconds it took."""
    from matplotlib import font_manager  # its first import scans the system fonts once

    start = time.perf_counter()
    font_manager.findfont("DejaVu Sans")
    game = weighted_game([9, 7, 7, 5, 3, 3, 2, 1, 1, 1], 21)
    for method, exact in (("dp-float", False), ("dp-exact", True)):
        for index in ("shapley-shubik", "banzhaf"):
            power_index(game, index, method=method, exact=exact)
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"power kernels ready in {warm():.1f} s")
