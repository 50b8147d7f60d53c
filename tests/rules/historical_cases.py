"""Real votes of the Council with their sources; every member not listed voted yes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Case:
    name: str
    on: date
    expect: str
    source: str
    no: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    not_voting: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    tally: str = ""
    vetoed_by: tuple[str, ...] = field(default=())


CASES = [
    Case(
        "res. 82 (1950), Korea, USSR absent",
        date(1950, 6, 25),
        "adopted",
        "S/RES/82 (1950): 9-0-1, Yugoslavia abstaining, USSR absent",
        abstain=("YUG",),
        absent=("SUN",),
        tally="9-0-1",
    ),
    Case(
        "res. 84 (1950), unified command, USSR absent",
        date(1950, 7, 7),
        "adopted",
        "S/RES/84 (1950): 7-0-3 (Egypt, India, Yugoslavia abstaining), USSR absent",
        abstain=("EGY", "IND", "YUG"),
        absent=("SUN",),
        tally="7-0-3",
    ),
    Case(
        "res. 2640 (2022), MINUSMA renewed, China and Russia abstaining",
        date(2022, 6, 29),
        "adopted",
        "S/RES/2640 (2022), 13-0-2; press release SC/14953",
        abstain=("CHN", "RUS"),
        tally="13-0-2",
    ),
    Case(
        "res. 2690 (2023), MINUSMA terminated",
        date(2023, 6, 30),
        "adopted",
        "S/RES/2690 (2023), 15-0-0; press release SC/15341",
        tally="15-0-0",
    ),
    Case(
        "S/2023/638, Mali sanctions renewal, vetoed by Russia",
        date(2023, 8, 30),
        "vetoed",
        "S/PV.9408 (30 Aug 2023): 13-1-1, Russian Federation against, China abstaining",
        no=("RUS",),
        abstain=("CHN",),
        tally="13-1-1",
        vetoed_by=("RUS",),
    ),
    Case(
        "S/2023/639, Russia's alternative Mali draft, failed",
        date(2023, 8, 30),
        "failed",
        "S/PV.9408 (30 Aug 2023): 1-1-13, Russian Federation in favour, Japan against",
        no=("JPN",),
        abstain=("ALB", "BRA", "CHN", "ECU", "FRA", "GAB", "GHA", "MLT", "MOZ", "CHE", "ARE")
        + ("GBR", "USA"),
        tally="1-1-13",
    ),
    Case(
        "S/2022/155, Ukraine, vetoed by Russia",
        date(2022, 2, 25),
        "vetoed",
        "S/PV.8979 (25 Feb 2022): 11-1-3, China, India and UAE abstaining",
        no=("RUS",),
        abstain=("CHN", "IND", "ARE"),
        tally="11-1-3",
        vetoed_by=("RUS",),
    ),
    Case(
        "res. 1973 (2011), Libya, five abstentions",
        date(2011, 3, 17),
        "adopted",
        "S/RES/1973 (2011): 10-0-5 (Brazil, China, Germany, India, Russia abstaining)",
        abstain=("BRA", "CHN", "DEU", "IND", "RUS"),
        tally="10-0-5",
    ),
    Case(
        "res. 2334 (2016), settlements, US abstaining",
        date(2016, 12, 23),
        "adopted",
        "S/RES/2334 (2016): 14-0-1, United States abstaining",
        abstain=("USA",),
        tally="14-0-1",
    ),
    Case(
        "S/2017/172, Syria chemical weapons, double veto by China and Russia",
        date(2017, 2, 28),
        "vetoed",
        "S/PV.7893 (28 Feb 2017): 9-3-3; China, Russia and Bolivia against; Egypt, "
        "Ethiopia, Kazakhstan abstaining",
        no=("CHN", "RUS", "BOL"),
        abstain=("EGY", "ETH", "KAZ"),
        tally="9-3-3",
        vetoed_by=("CHN", "RUS"),
    ),
    Case(
        "res. 305 (1971), Cyprus, China not participating",
        date(1971, 12, 13),
        "adopted",
        "S/RES/305 (1971): 14-0-0; China (PRC, seated 25 Oct 1971) did not participate "
        "(UN Library voting data)",
        not_voting=("CHN",),
        absent=(),
        abstain=(),
        tally="14-0-0",
    ),
    Case(
        "res. 221 (1966), Beira, France and the USSR abstaining",
        date(1966, 4, 9),
        "adopted",
        "S/RES/221 (1966): 10-0-5 (Bulgaria, France, Mali, USSR, Uruguay abstaining)",
        abstain=("BGR", "FRA", "MLI", "SUN", "URY"),
        tally="10-0-5",
    ),
]
