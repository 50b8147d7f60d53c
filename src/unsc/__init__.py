"""unsc: the UN Security Council as software.

The rules of the Council as code (:mod:`unsc.rules`), its record as an embedded database
(:mod:`unsc.record`), peacekeeping mandates (:mod:`unsc.missions`), forecasts
(:mod:`unsc.forecast`) and voting power (:mod:`unsc.power`).
"""

from unsc.errors import InputError, RecordError, UnscError
from unsc.types import Matter, Outcome, Vote

__version__ = "0.1.0"

__all__ = ["InputError", "Matter", "Outcome", "RecordError", "UnscError", "Vote", "__version__"]
