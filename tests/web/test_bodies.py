"""The API's answers, byte for byte, over the small generated record: a change of types or
schemas must not change what the API sends.

``data/api_bodies.json`` holds the status and body of each URL below as the API answered them
when the response schemas came to be generated from the types (issue 13). When an answer is
meant to change (a new field, a curated fact corrected), write the file again with
``UNSC_WRITE_BODIES=1 pytest tests/web/test_bodies.py`` and review its diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.web.conftest import Client

BODIES = Path(__file__).with_name("data") / "api_bodies.json"

URLS = (
    "/api/decide?date=2023-08-30&no=RUS&abstain=CHN",
    "/api/decide?council=g4-2005&no=P-RUS",
    "/api/decide?date=1950-06-27&not_voting=YUG&absent=SUN",
    "/api/council?date=2023-08-30",
    "/api/council?date=1960-01-05",
    "/api/council?council=g4-2005",
    "/api/presets",
    "/api/resolutions/2690",
    "/api/resolutions/2640",
    "/api/resolutions/82",
    "/api/drafts/S/2023/638",
    "/api/vetoes",
    "/api/vetoes?member=RUS&seat=true&since=1990",
    "/api/vetoes/summary",
    "/api/members/RUS",
    "/api/members/CHE",
    "/api/members/RUS/votes?since=2022",
    "/api/agreement?member=RUS&with=CHN&seat=true&since=2000",
    "/api/stats",
    "/api/search?q=Mali",
    "/api/missions/MINUSMA?on=2023-06-01",
    "/api/mandates/due?on=2023-06-01&within=90",
    "/api/minusma",
    "/api/power?index=banzhaf",
    "/api/power?council=eu27",
    "/api/power?council=g4-2005&exact=true",
)


def _answers(client: Client) -> dict[str, list[object]]:
    found: dict[str, list[object]] = {}
    for url in URLS:
        r = client.get(url)
        found[url] = [r.status_code, r.text]
    return found


def test_the_api_sends_the_same_bodies(mini: Client) -> None:
    answers = _answers(mini)
    if os.environ.get("UNSC_WRITE_BODIES"):
        BODIES.write_text(json.dumps(answers, indent=0, ensure_ascii=False) + "\n")
    kept = json.loads(BODIES.read_text())
    assert list(kept) == list(URLS), "URLs changed: write the file again (see the docstring)"
    changed = [url for url in URLS if answers[url] != kept[url]]
    for url in changed[:3]:
        print(url, "\nkept:   ", str(kept[url])[:600], "\nanswers:", str(answers[url])[:600])
    assert changed == []
