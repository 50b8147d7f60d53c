"""`unsc forecast` under abuse (issue 14): user text printed as it is, never as Rich markup;
``--batch`` streaming one line out per line in, so output starts before the file is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unsc.cli import build_app
from unsc.forecast.batch import iter_batch

pytestmark = pytest.mark.slow  # trains the synthetic model once (cached next to the database)

runner = CliRunner()


def test_agenda_with_rich_markup_is_printed_as_typed(synthetic_db: Path) -> None:
    for agenda in ("[bold]x", "[link=file:///etc/passwd]y[/link]", "[/]"):
        result = runner.invoke(
            build_app(),
            ["forecast", "--db", str(synthetic_db), "--date", "2012-12-20", "--agenda", agenda],
        )
        assert result.exit_code == 0, result.stderr
        assert agenda in result.stdout


def test_batch_streams_before_a_bad_line(synthetic_db: Path, tmp_path: Path) -> None:
    good = json.dumps({"date": "2012-12-20", "agenda": "The situation in Gamma"})
    batch = tmp_path / "drafts.jsonl"
    batch.write_text("\n".join([good] * 300 + ['{"date": "2012"}']) + "\n", encoding="utf-8")
    result = runner.invoke(
        build_app(), ["forecast", "--db", str(synthetic_db), "--batch", str(batch)]
    )
    assert result.exit_code == 2
    assert "line 301" in result.stderr
    # the first 256 forecasts were written as soon as they were done
    assert len(result.stdout.splitlines()) == 256


def test_a_batch_is_read_lazily(tmp_path: Path) -> None:
    batch = tmp_path / "big.jsonl"
    line = json.dumps({"date": "2012-12-20", "agenda": "x"}) + "\n"
    batch.write_text(line * 100_000, encoding="utf-8")
    with batch.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    queries = iter_batch(batch)
    first = next(queries)  # no error yet: the bad last line has not been read
    assert first.agenda == "x"
