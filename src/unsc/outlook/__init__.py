"""The month ahead: mandates that run out, the host's position, the Council's likely course.

- :mod:`unsc.outlook.known`: what was known on a day (chains, missions, host events cut to it);
- :mod:`unsc.outlook.courses`: the course taken at each mandate end, and the course model;
- :mod:`unsc.outlook.build`: :func:`build_outlook`, the outlook of a month;
- :mod:`unsc.outlook.backtest`: every month of a range forecast with what was known before it.
"""

from unsc.outlook.build import Outlook, build_outlook, parse_month
from unsc.outlook.courses import Course

__all__ = ["Course", "Outlook", "build_outlook", "parse_month"]
