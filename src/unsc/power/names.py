"""The names a user picks from: the power indices and the counting methods.

Kept apart from the modules that compute (numpy, Numba) so that the ``unsc`` command can list
them in its help without loading those.
"""

from __future__ import annotations

#: Index names, as the CLI and the API spell them, with the tallies each needs.
INDICES: dict[str, str] = {
    "shapley-shubik": "shapley",
    "banzhaf": "swings",
    "banzhaf-absolute": "swings",
    "coleman-act": "swings",
    "coleman-prevent": "swings",
    "coleman-initiate": "swings",
    "johnston": "johnston",
    "deegan-packel": "mwc",
    "holler": "mwc",
}

#: The counting methods; ``auto`` picks one for the game (see :mod:`unsc.power.counting`).
METHODS: tuple[str, ...] = ("auto", "enumerate", "profiles", "dp-exact", "dp-float", "mitm")
