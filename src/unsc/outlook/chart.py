"""The outlook's chart: each mandate's courses as one stacked bar (SVG, the app's chart style).

Drawn with :func:`unsc.web.svg.stacked_bars`, the server-side SVG of every page of the app, so
the command line (``unsc outlook --chart``) and the web page draw the same chart.
"""

from __future__ import annotations

from markupsafe import Markup

from unsc.outlook.build import Outlook
from unsc.outlook.courses import COURSES


def courses_chart(outlook: Outlook) -> Markup:
    """One bar per mandate due, split by the probability of each course."""
    from unsc.web.svg import stacked_bars

    rows = [(m.mission, m.courses) for m in outlook.mandates]
    keys = [c.value for c in COURSES]
    month = outlook.month.strftime("%Y-%m")
    return stacked_bars(
        rows,
        keys,
        chart_id=f"outlook-{month}",
        title=f"Courses of the mandates ending in {month} and the month after",
        desc=(
            f"As of {outlook.as_of}: for each mission, the probability that the Council renews "
            "the mandate as is, renews it with changes, draws the mission down, ends it, or "
            "lets it lapse."
        ),
    )
