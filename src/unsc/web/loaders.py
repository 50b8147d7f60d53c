"""What each web resource answers: one function per resource, from the request's context and
its parsed parameters to the data (:mod:`unsc.web.api` names them; :mod:`unsc.web.resources`
calls them off the event loop). Each one's return annotation is the type of its answer: the
API's response schema is generated from it (:func:`unsc.web.schemas.returned_by`). Also the
checks of size and consistency made before any work, and the pages' redirects and defaults.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from unsc.council import ConfigDict, council_presets
from unsc.errors import InputError
from unsc.missions.case_minusma import MinusmaCaseDict
from unsc.missions.due import CalendarDict
from unsc.missions.models import MissionDict
from unsc.missions.view import MissionView
from unsc.power.compare import ComparisonDict
from unsc.power.indices import PowerRow
from unsc.record import query
from unsc.record.values import (
    AgreementDict,
    CastVoteDict,
    SearchHitDict,
    VetoDict,
    YearStatsDict,
)
from unsc.rules import Decision
from unsc.types import Matter
from unsc.web import cache, missions, pages, records, views
from unsc.web.params import Parsed
from unsc.web.resources import Context


def conn(ctx: Context) -> Any:
    return cache.connection(ctx.db)


# --- the rules ------------------------------------------------------------------------------


def council(ctx: Context, a: Parsed) -> views.CouncilView:
    on, preset = a["date"], a["council"]
    return views.council_data(on if on or preset else ctx.today, preset)


def council_redirect(a: Parsed) -> str | None:
    # The home page shows the Council on a date; a preset alone is a board of seats.
    if a["council"] and not a["date"]:
        return pages.url("/simulate", council=a["council"])
    return None


def decide(ctx: Context, a: Parsed) -> Decision:
    return views.decision(
        on=a["date"],
        matter=Matter(a["matter"]),
        no=a["no"],
        abstain=a["abstain"],
        not_voting=a["not_voting"],
        absent=a["absent"],
        council=a["council"],
        strict=a["strict"],
        parties=a["parties"],
    )


def decide_page_defaults(ctx: Context, a: Parsed) -> Parsed:
    # The simulator opens on today's Council when neither a date nor a preset is given.
    if a["date"] is None and a["council"] is None:
        return Parsed(tuple((k, ctx.today if k == "date" else v) for k, v in a.items))
    return a


def presets_data(ctx: Context, a: Parsed) -> list[ConfigDict]:
    return views.presets_data()


# --- the record -----------------------------------------------------------------------------


def resolution(ctx: Context, a: Parsed) -> records.ResolutionView:
    return records.resolution_view(conn(ctx), a["number"])


def draft(ctx: Context, a: Parsed) -> records.DraftView:
    return records.draft_view(conn(ctx), a["symbol"])


def vetoes(ctx: Context, a: Parsed) -> list[VetoDict]:
    return query.vetoes(conn(ctx), a["member"], a["since"], a["until"], seat=a["seat"])


def vetoes_summary(ctx: Context, a: Parsed) -> records.VetoesSummary:
    return records.vetoes_summary(conn(ctx))


def member(ctx: Context, a: Parsed) -> records.MemberView:
    return records.member_view(conn(ctx), a["code"])


def member_votes(ctx: Context, a: Parsed) -> list[CastVoteDict]:
    return query.member_votes(conn(ctx), a["code"], a["since"], a["until"], seat=a["seat"])


def agreement(ctx: Context, a: Parsed) -> list[AgreementDict]:
    return query.agreement(
        conn(ctx), a["member"], a["with"], a["since"], a["until"], seat=a["seat"]
    )


def stats(ctx: Context, a: Parsed) -> list[YearStatsDict]:
    return query.stats_by_year(conn(ctx), a["since"], a["until"])


def search(ctx: Context, a: Parsed) -> list[SearchHitDict]:
    try:
        return query.search(conn(ctx), a["q"], a["limit"])
    except InputError as exc:  # the library names its argument "text"; here it is "q"
        raise InputError(str(exc).removeprefix("text: "), field="q") from None


def search_redirect(a: Parsed) -> str | None:
    return records.search_target(a["q"])


# --- missions and power ---------------------------------------------------------------------


def missions_list(ctx: Context, a: Parsed) -> list[MissionDict]:
    return missions.missions_list()


def mission(ctx: Context, a: Parsed) -> MissionView:
    return missions.mission(ctx.db, a["acronym"], a["on"] or ctx.today)


def due(ctx: Context, a: Parsed) -> CalendarDict:
    return missions.due(ctx.db, a["on"] or ctx.today, a["within"])


def due_check(a: Parsed) -> None:
    on, within = a["on"], a["within"]
    if on is not None and (date.max - on).days < within:
        raise InputError(
            f"parameter 'within': {on} plus {within} days is past 9999", field="within"
        )


def minusma(ctx: Context, a: Parsed) -> MinusmaCaseDict:
    return missions.minusma(ctx.db)


def power(ctx: Context, a: Parsed) -> list[ComparisonDict] | list[PowerRow]:
    if a["council"] is not None:
        return missions.power_of(a["council"], a["index"], a["exact"])
    return missions.power_comparison(a["compare"] or None, a["index"])


def power_check(a: Parsed) -> None:
    if a["council"] is not None and a["compare"]:
        raise InputError("give 'council' or 'compare', not both", field="compare")
    unknown = [n for n in a["compare"] or () if n not in council_presets()]
    if unknown:
        raise InputError(
            f"parameter 'compare': unknown preset {unknown[0]!r}; presets: "
            f"{', '.join(council_presets())}",
            field="compare",
        )
