"""Download the official source files from their UN addresses into a source directory.

- The UN Library's Security Council Voting Data (UN Digital Library record 4055387): the
  record's MARCXML export lists its files (field 856 ``u``); each ``.csv`` and ``.md`` is saved
  under ``undl_sc_voting/``.
- The Library's yearly "Meetings conducted by the Security Council" tables
  (``/depts/dhl/resguide/scact{YEAR}_table_en.htm``) and its veto list
  (``scact_veto_table_en.htm``), saved under ``un_library_pages/`` as ``.html``.

Each file is streamed to a temporary name beside its target and renamed when complete. The UN
terms of use discourage automated download without approval: fetch rarely and for your own
use. ``base_url`` replaces the scheme and host of every address (tests, mirrors).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from unsc.errors import RecordError

LIBRARY_RECORD = "https://digitallibrary.un.org/record/4055387"
MEETINGS_PAGE = "https://www.un.org/depts/dhl/resguide/scact{year}_table_en.htm"
VETO_PAGE = "https://www.un.org/depts/dhl/resguide/scact_veto_table_en.htm"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
_MARC_FILE = re.compile(
    r'<(?:marc:)?datafield tag="856"[^>]*>.*?<(?:marc:)?subfield code="u">([^<]+)<',
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Remote:
    """A file to download: its official address and where it goes in the source directory."""

    url: str
    dest: str


@dataclass(frozen=True, slots=True)
class FetchReport:
    dest: Path
    files: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"dest": str(self.dest), "files": list(self.files)}


def rebase(url: str, base_url: str | None) -> str:
    """``url`` with its scheme and host replaced by those of ``base_url`` (if given)."""
    if not base_url:
        return url
    base, parts = urlsplit(base_url), urlsplit(url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


def library_pages(years: Sequence[int] | None = None) -> list[Remote]:
    """The yearly meetings tables (1946 to this year) and the veto list."""
    wanted = years if years is not None else range(1946, date.today().year + 1)
    pages = [
        Remote(MEETINGS_PAGE.format(year=y), f"un_library_pages/scact{y}_table_en.html")
        for y in wanted
    ]
    return [*pages, Remote(VETO_PAGE, "un_library_pages/scact_veto_table_en.html")]


def voting_data_files(client: httpx.Client, base_url: str | None) -> list[Remote]:
    """The Voting Data files listed in record 4055387's MARCXML export."""
    export = rebase(f"{LIBRARY_RECORD}/export/xm", base_url)
    response = _get(client, export)
    found = []
    for url in _MARC_FILE.findall(response.text):
        url = urljoin(export, url.strip())
        name = Path(urlsplit(url).path).name
        if name.lower().endswith((".csv", ".md")):
            found.append(Remote(url, f"undl_sc_voting/{name}"))
    if not found:
        raise RecordError("the record lists no .csv or .md file", file=export, field="856")
    return found


def _get(client: httpx.Client, url: str) -> httpx.Response:
    try:
        response = client.get(url)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise RecordError(f"download failed: {exc}", file=url) from None
    return response


def download(client: httpx.Client, url: str, target: Path) -> None:
    """Stream ``url`` into ``target`` through a temporary file renamed when complete."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.part")
    try:
        with client.stream("GET", url) as response:
            response.raise_for_status()
            expected = response.headers.get("content-length")
            written = 0
            with part.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
                    written += len(chunk)
            if expected is not None and written != int(expected):
                raise RecordError(f"truncated download: {written} of {expected} bytes", file=url)
        os.replace(part, target)
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise RecordError(f"download failed: {exc}", file=url) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def fetch(
    dest: Path,
    *,
    base_url: str | None = None,
    years: Sequence[int] | None = None,
    voting_data: bool = True,
    progress: bool = False,
    client: httpx.Client | None = None,
) -> FetchReport:
    """Download the official files into ``dest`` (a source directory for ``record build``)."""
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    fetched: list[str] = []
    try:
        remotes = voting_data_files(http, base_url) if voting_data else []
        remotes += library_pages(years)
        if progress:
            from rich.progress import track

            items: Any = track(remotes, description="downloading")
        else:
            items = remotes
        for remote in items:
            target = dest / remote.dest
            download(http, rebase(remote.url, base_url), target)
            fetched.append(str(target))
    finally:
        if own:
            http.close()
    return FetchReport(dest, tuple(fetched))
