"""The web resources: each one's parameters, data, page and API path (:mod:`unsc.web.resources`).

Field names are those of the CLI's ``--json`` output, and the same library functions answer
both. Query parameters take the CLI's option names with ``_`` for ``-`` (``not_voting`` for
``--not-voting``); lists of members are comma-separated codes. Each resource is documented in
the OpenAPI schema (``/openapi.json``) and answers errors in the one shape of
:mod:`unsc.web.errors`.
"""

from __future__ import annotations

from unsc.council import council_presets
from unsc.membership import FIRST_DAY, last_known_day
from unsc.power.bodies import bodies
from unsc.power.indices import parse_index
from unsc.power.names import INDICES
from unsc.types import Matter
from unsc.web import loaders, pages
from unsc.web.params import Kind, Param
from unsc.web.resources import Resource

CODES = "Comma-separated member codes (ISO 3166 alpha-3, e.g. RUS,CHN) or seat ids"
SINCE = "From this year (YYYY) or date (YYYY-MM-DD), inclusive"
UNTIL = "Up to this year (YYYY) or date (YYYY-MM-DD), inclusive"
SEAT = "true: count the other holders of the member's permanent seat (RUS with SUN)"
#: Presets one power comparison may name (a larger list is refused, not computed).
MAX_COMPARE = 20

_INDEX_ALIASES = ("ss", "shapley", "bz", "penrose-banzhaf", "pgi", "public-good")


def _presets() -> tuple[str, ...]:
    return tuple(council_presets())


def date_param(name: str, description: str, *, council: bool = False) -> Param:
    """A date; ``council``: one the membership tables cover (by year, in the schema)."""
    years = (FIRST_DAY.year, last_known_day().year) if council else None
    return Param(name, Kind.DATE, description, years=years)


def codes(name: str, what: str) -> Param:
    return Param(name, Kind.CODES, f"{CODES} {what}", max_items=40, default=())


def since_until() -> tuple[Param, Param]:
    return Param("since", Kind.YEAR_OR_DATE, SINCE), Param("until", Kind.YEAR_OR_DATE, UNTIL)


def resources() -> tuple[Resource, ...]:
    """Every web resource, in the order of the API documentation."""
    presets = _presets()
    council = Param(
        "council", Kind.NAME, "Council preset (GET /api/presets)", choices=presets, max_length=60
    )
    since, until = since_until()
    seat = Param("seat", Kind.FLAG, SEAT, default=False)
    return (
        Resource(
            "decide",
            "Decide a vote as `unsc decide --json` does: adopted, vetoed or failed, and why",
            loaders.decide,
            (
                date_param(
                    "date",
                    "Meeting date YYYY-MM-DD: the members sitting that day vote",
                    council=True,
                ),
                Param(
                    "matter",
                    Kind.NAME,
                    "substantive (default), procedural, amendment, preliminary",
                    choices=tuple(m.value for m in Matter),
                    default=Matter.SUBSTANTIVE.value,
                ),
                codes("no", "voting no"),
                codes("abstain", "abstaining"),
                codes("not_voting", "present and not voting"),
                codes("absent", "absent"),
                council,
                Param(
                    "strict",
                    Kind.FLAG,
                    "Charter-strict: parties to a dispute must abstain (Art. 27(3))",
                    default=False,
                ),
                codes("parties", "party to the dispute (with strict)"),
            ),
            api_path="/api/decide",
            page_path="/simulate",
            page=pages.simulate,
            page_load=lambda ctx, a: None,
            page_params=(Param("agenda", Kind.TEXT, "The agenda item shown", max_length=300),),
            page_defaults=loaders.decide_page_defaults,
            dated=True,
            description="Every member (or seat) not named in a list voted yes. Give `date` (the "
            "Council of that day) or `council` (a preset, voted by seat id), or both (that "
            "day's members under the preset's rule, if it has as many seats). The simulator "
            "page takes today's Council when neither is given.",
        ),
        Resource(
            "council",
            "The members on a date, the president that month, the rule and the vote board",
            loaders.council,
            (date_param("date", "Date YYYY-MM-DD (default: today)", council=True), council),
            api_path="/api/council",
            page_path="/",
            page=pages.home,
            redirect=loaders.council_redirect,
            record=True,  # the home page lists the mandates due, with votes from the record
            dated=True,
            expensive=frozenset({"html"}),
            description="As `unsc council --json`, with the configuration the Council votes "
            "by and the seats of the vote board; without a date, `council` gives a preset's "
            "seats.",
        ),
        Resource(
            "presets",
            "The Council configurations, real and proposed (`unsc presets --json`)",
            loaders.presets_data,
            api_path="/api/presets",
        ),
        Resource(
            "resolution",
            "A resolution: tally, each member's vote, the vote board and the engine's reading",
            loaders.resolution,
            (
                Param(
                    "number",
                    Kind.WHOLE,
                    "Resolution number, e.g. 2690",
                    low=1,
                    high=99999,
                    where="path",
                    required=True,
                ),
            ),
            api_path="/api/resolutions/{number}",
            page_path="/resolutions/{number}",
            page=pages.resolution,
            record=True,
        ),
        Resource(
            "draft",
            "A draft by its symbol: outcome, tally, vetoes and member votes",
            loaders.draft,
            (
                Param(
                    "symbol",
                    Kind.TEXT,
                    "Document symbol, e.g. S/2023/638",
                    max_length=60,
                    where="path",
                    required=True,
                ),
            ),
            api_path="/api/drafts/{symbol:path}",
            page_path="/drafts/{symbol:path}",
            page=pages.draft,
            record=True,
        ),
        Resource(
            "vetoes",
            "Every vetoed draft, oldest first, with who vetoed it (`unsc vetoes --json`)",
            loaders.vetoes,
            (
                Param(
                    "member",
                    Kind.TEXT,
                    "Only the vetoes of this member (a code such as RUS)",
                    max_length=60,
                ),
                since,
                until,
                seat,
            ),
            api_path="/api/vetoes",
            record=True,
        ),
        Resource(
            "vetoes_summary",
            "Vetoes by member, by decade and by topic, and the list (the vetoes page)",
            loaders.vetoes_summary,
            api_path="/api/vetoes/summary",
            page_path="/vetoes",
            page=pages.vetoes,
            record=True,
        ),
        Resource(
            "member",
            "A member: its terms, votes by year and agreement with each permanent member",
            loaders.member,
            (
                Param(
                    "code",
                    Kind.TEXT,
                    "Member code, e.g. RUS",
                    max_length=60,
                    where="path",
                    required=True,
                ),
            ),
            api_path="/api/members/{code}",
            page_path="/members/{code}",
            page=pages.member,
            record=True,
        ),
        Resource(
            "member_votes",
            "Every vote the member cast (or did not cast), oldest first (`unsc votes --json`)",
            loaders.member_votes,
            (
                Param(
                    "code",
                    Kind.TEXT,
                    "Member code, e.g. RUS",
                    max_length=60,
                    where="path",
                    required=True,
                ),
                since,
                until,
                seat,
            ),
            api_path="/api/members/{code}/votes",
            record=True,
        ),
        Resource(
            "agreement",
            "How often two members voted the same way, by year (`unsc agreement --json`)",
            loaders.agreement,
            (
                Param("member", Kind.TEXT, "A member code, e.g. FRA", max_length=60, required=True),
                Param("with", Kind.TEXT, "Another member", max_length=60, required=True),
                since,
                until,
                Param("seat", Kind.FLAG, "Count the holders of a seat together", default=False),
            ),
            api_path="/api/agreement",
            record=True,
        ),
        Resource(
            "stats",
            "Resolutions, unanimity, abstentions, vetoes and failed drafts by year",
            loaders.stats,
            (since, until),
            api_path="/api/stats",
            record=True,
        ),
        Resource(
            "search",
            "Drafts and resolutions whose text holds every word, newest first",
            loaders.search,
            (
                Param(
                    "q",
                    Kind.TEXT,
                    "Words to find in titles and agendas",
                    max_length=200,
                    required=True,
                ),
                Param("limit", Kind.WHOLE, "At most this many", low=1, high=500, default=50),
            ),
            api_path="/api/search",
            page_path="/search",
            page=pages.search,
            redirect=loaders.search_redirect,
            record=True,
            description="The page goes straight to a resolution number, draft symbol or member "
            "code.",
        ),
        Resource(
            "missions",
            "Every peacekeeping mission unsc knows, newest first",
            loaders.missions_list,
            api_path="/api/missions",
            page_path="/missions",
            page=pages.missions_page,
        ),
        Resource(
            "mission",
            "A mission: its mandate chain with ceilings and votes, phases, consent events",
            loaders.mission,
            (
                Param(
                    "acronym",
                    Kind.TEXT,
                    "Mission acronym, e.g. MINUSMA",
                    max_length=40,
                    where="path",
                    required=True,
                ),
                date_param("on", "Mandate status as of this date (default: today)"),
            ),
            api_path="/api/missions/{acronym}",
            page_path="/missions/{acronym}",
            page=pages.mission,
            record=True,
            dated=True,
            expensive=frozenset({"json", "html"}),
        ),
        Resource(
            "mandates_due",
            "Mandates in force that end within `within` days of `on`, soonest first",
            loaders.due,
            (
                date_param("on", "From this date (default: today)"),
                Param(
                    "within",
                    Kind.WHOLE,
                    "Days ahead, 0 to 3650 (default 60, as the CLI)",
                    low=0,
                    high=3650,
                    default=60,
                ),
            ),
            api_path="/api/mandates/due",
            check=loaders.due_check,
            record=True,
            dated=True,
            expensive=frozenset({"json"}),
        ),
        Resource(
            "minusma",
            "The MINUSMA case: chain, phases, consent, the options and res. 2690 replayed",
            loaders.minusma,
            api_path="/api/minusma",
            page_path="/minusma",
            page=pages.minusma,
            record=True,
            expensive=frozenset({"json", "html"}),
        ),
        Resource(
            "power",
            "A priori voting power: presets compared, or one body's index for every seat",
            loaders.power,
            (
                Param(
                    "compare",
                    Kind.NAMES,
                    "Council presets to compare, e.g. council-1966,g4-2005 (default: all)",
                    max_items=MAX_COMPARE,
                    default=(),
                ),
                Param(
                    "council",
                    Kind.NAME,
                    "One preset or body (eu27, us-electoral-college): its index for every seat",
                    choices=tuple(bodies()),
                ),
                Param(
                    "index",
                    Kind.NAME,
                    "shapley-shubik (default), banzhaf, coleman-act, ...",
                    choices=tuple(INDICES) + _INDEX_ALIASES,
                    default="shapley-shubik",
                    canon=parse_index,
                ),
                Param("exact", Kind.FLAG, "true: exact fractions (with council)", default=False),
            ),
            api_path="/api/power",
            page_path="/power",
            page=pages.power,
            check=loaders.power_check,
            expensive=frozenset({"json", "html"}),
        ),
    )
