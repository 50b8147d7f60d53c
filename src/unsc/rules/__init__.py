"""The rules engine: the Council's voting rules as code (Charter Art. 23 and 27).

``decide`` decides a question from each member's vote; ``decide_on`` does so for the Council
sitting on a date (every member not named voted yes); ``decide_config`` for any configuration by
its seats; ``decide_with_preliminary`` and ``decide_with_ruling`` for the two-stage votes of the
double veto and of a President's ruling under rule 30.
"""

from unsc.rules.decision import Decision
from unsc.rules.double_veto import TwoStageDecision, decide_with_preliminary, decide_with_ruling
from unsc.rules.engine import decide
from unsc.rules.sitting import ballot, decide_config, decide_on

__all__ = [
    "Decision",
    "TwoStageDecision",
    "ballot",
    "decide",
    "decide_config",
    "decide_on",
    "decide_with_preliminary",
    "decide_with_ruling",
]
