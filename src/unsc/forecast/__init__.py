"""Forecasts and scenarios: how will the Council vote on a draft?

- :mod:`unsc.forecast.features`: the history a forecast sees and the features it draws from it;
- :mod:`unsc.forecast.model`: the versioned vote model and its on-disk cache;
- :mod:`unsc.forecast.outcome`: exact outcome distribution (dynamic programming through the
  rules engine) and the seeded simulation for blocs;
- :mod:`unsc.forecast.scenarios`: pivotal members and the smallest changes that pass a draft;
- :mod:`unsc.forecast.draft`: :func:`forecast_draft`, the entry point;
- :mod:`unsc.forecast.backtest`: rolling-origin backtest against baselines.
"""

from unsc.forecast.draft import DraftQuery, Forecast, forecast_draft, forecast_drafts
from unsc.forecast.outcome import MemberForecast, OutcomeDistribution, Rule

__all__ = [
    "DraftQuery",
    "Forecast",
    "MemberForecast",
    "OutcomeDistribution",
    "Rule",
    "forecast_draft",
    "forecast_drafts",
]
