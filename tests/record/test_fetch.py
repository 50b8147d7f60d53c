"""``unsc record fetch`` against a local HTTP server serving small files made here."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from unsc.errors import RecordError
from unsc.record.fetch import fetch, rebase

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim"><record>
<datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://digitallibrary.un.org/record/4055387/files/2099_01_01_sc_voting.csv</subfield></datafield>
<datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://digitallibrary.un.org/record/4055387/files/2099_01_01_sc_voting_md.md</subfield></datafield>
<datafield tag="856" ind1="4" ind2=" "><subfield code="u">https://digitallibrary.un.org/record/4055387/files/cover.jpg</subfield></datafield>
</record></collection>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    files = {
        "record/4055387/export/xm": EXPORT,
        "record/4055387/files/2099_01_01_sc_voting.csv": "undl_id,ms_code\n1,FRA\n" * 2000,
        "record/4055387/files/2099_01_01_sc_voting_md.md": "# dictionary\n",
        "depts/dhl/resguide/scact2022_table_en.htm": "<html><table></table></html>",
        "depts/dhl/resguide/scact_veto_table_en.htm": "<html>veto</html>",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", root
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def test_fetch_downloads_into_a_source_directory(server: tuple[str, Path], tmp_path: Path) -> None:
    base, root = server
    dest = tmp_path / "source"
    report = fetch(dest, base_url=base, years=[2022])
    assert len(report.files) == 4
    got = dest / "undl_sc_voting" / "2099_01_01_sc_voting.csv"
    assert got.read_bytes() == (root / "record/4055387/files/2099_01_01_sc_voting.csv").read_bytes()
    assert (dest / "un_library_pages" / "scact2022_table_en.html").is_file()
    assert (
        dest / "un_library_pages" / "scact_veto_table_en.html"
    ).read_text() == "<html>veto</html>"
    assert not list(dest.rglob("*.part")) and not (dest / "undl_sc_voting" / "cover.jpg").exists()


def test_a_missing_file_is_an_error_and_leaves_no_partial_file(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = server
    dest = tmp_path / "source"
    with pytest.raises(RecordError, match="404") as info:
        fetch(dest, base_url=base, years=[1999], voting_data=False)
    assert info.value.file is not None and "scact1999_table_en.htm" in info.value.file
    assert not list(dest.rglob("*")) or not list(dest.rglob("*.part"))
    assert not (dest / "un_library_pages" / "scact1999_table_en.html").exists()


def test_rebase_keeps_the_path() -> None:
    assert (
        rebase("https://www.un.org/depts/dhl/resguide/scact_veto_table_en.htm", "http://h:1/m")
        == "http://h:1/m/depts/dhl/resguide/scact_veto_table_en.htm"
    )
    assert rebase("https://x.org/a", None) == "https://x.org/a"
