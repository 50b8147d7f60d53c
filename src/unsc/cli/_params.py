"""What every command checks before it works: ranges, limits, input files; one-line errors.

- :class:`OneLineGroup` is the command tree's group: a usage error, a bad value or an
  :class:`~unsc.errors.UnscError` prints ``error: ...`` on one line of stderr and exits 2;
  anything unexpected prints one line too (``UNSC_DEBUG=1`` shows the traceback).
- :func:`in_range` checks a number against its bounds (NaN and infinities are refused).
- :class:`Limit` holds a size limit that names itself and the variable that lifts it.
- :func:`read_input_text` reads a user's file as UTF-8 with a clear error.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.core import TyperGroup

from unsc.errors import InputError, UnscError

DEBUG_ENV = "UNSC_DEBUG"


@dataclass(frozen=True, slots=True)
class Limit:
    """A size limit: ``what`` is refused beyond ``default`` unless ``env`` says otherwise."""

    what: str
    unit: str
    default: int
    env: str

    def value(self) -> int:
        text = os.environ.get(self.env, "").strip()
        if text.isascii() and text.isdigit() and int(text) > 0:
            return int(text)
        return self.default

    def check(self, amount: int, field: str) -> None:
        limit = self.value()
        if amount > limit:
            raise InputError(
                f"{self.what}: {amount:,} {self.unit} is more than the limit of {limit:,} "
                f"(set {self.env} to raise it)",
                field=field,
            )


#: Draws of the bloc simulation (``forecast --samples``): memory grows with them.
SAMPLES = Limit("--samples", "draws", 1_000_000, "UNSC_MAX_SAMPLES")
#: Players of a weighted game (``power --weights`` / ``--weights-file``).
POWER_PLAYERS = Limit("power game size", "players", 1_000, "UNSC_MAX_PLAYERS")
#: Work of the power indices of a weighted game: players squared times the total weight
#: (the generating-function methods take about that many steps; 2e9 is a few seconds).
POWER_WORK = Limit(
    "power game size", "steps (players² × total weight)", 2_000_000_000, "UNSC_MAX_POWER_WORK"
)
#: Drafts in one ``forecast --batch`` file, and bytes in one of its lines.
BATCH_LINES = Limit("--batch", "lines", 1_000_000, "UNSC_MAX_BATCH_LINES")
LINE_BYTES = Limit("--batch line", "bytes", 1_000_000, "UNSC_MAX_LINE_BYTES")
#: Bytes of a file read whole (``power --weights-file``).
FILE_BYTES = Limit("input file", "bytes", 16_000_000, "UNSC_MAX_FILE_BYTES")

#: The largest integer SQLite stores (a larger resolution number cannot exist).
SQLITE_MAX_INT = 2**63 - 1


def in_range(value: float, field: str, low: float | None = None, high: float | None = None) -> None:
    """Refuse a number outside ``[low, high]``, and NaN or an infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"--{field}: {value} is not a number", field=field)
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            bounds = f"between {low:,} and {high:,}"
        elif low is not None:
            bounds = f"at least {low:,}"
        else:
            bounds = f"at most {high:,}"
        raise InputError(
            f"--{field}: {value:,} is out of range: give a value {bounds}", field=field
        )


def output_path(path: Path, field: str) -> Path:
    """A file to write: refused up front when it is a directory or its directory is missing."""
    if path.is_dir():
        raise InputError(f"--{field}: {path} is a directory, not a file", field=field)
    if not path.parent.is_dir():
        raise InputError(f"--{field}: no directory {path.parent}", field=field)
    return path


def read_input_text(path: Path, field: str) -> str:
    """A user's input file, read whole as UTF-8 (size limited); errors name file and line."""
    if not path.is_file():
        raise InputError(f"--{field}: no file {path}", field=field)
    try:
        size = path.stat().st_size
        FILE_BYTES.check(size, field)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"--{field}: cannot read {path}: {exc.strerror}", field=field) from None
    return decode_input(data, path, field)


def decode_input(data: bytes, path: Path | str, field: str, line: int | None = None) -> str:
    """UTF-8 text, or an :class:`InputError` naming the file, the line and the bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = line if line is not None else data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path}, line {at}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8",
            field=field,
        ) from None
    if "\x00" in text:
        at = line if line is not None else text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(f"{path}, line {at}: binary content (a NUL byte)", field=field)
    return text.removeprefix("\ufeff")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class OneLineGroup(TyperGroup):
    """The top group of the command tree: every error is one line on stderr."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
        from typer.exceptions import Abort

        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as exc:  # `unsc` or a group alone: its help
            exc.show()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            hint = ""
            ctx = getattr(exc, "ctx", None)
            if isinstance(exc, UsageError) and ctx is not None:
                hint = f" (see `{ctx.command_path} --help`)"
            _fail(f"error: {_one_line(exc.format_message())}{hint}", exc.exit_code)
        except Abort:
            _fail("error: aborted", 1)
        except UnscError as exc:
            _fail(f"error: {_one_line(str(exc))}", 2)
        except RecursionError:
            _fail("error: the input is nested too deeply", 2)
        except MemoryError:
            _fail("error: out of memory: the input is too large", 2)
        except BrokenPipeError:
            sys.exit(1)
        except OSError as exc:  # a file that cannot be read or written: say which and why
            where = f": {exc.filename}" if exc.filename else ""
            _fail(f"error: {exc.strerror or _one_line(str(exc))}{where}", 1)
        except Exception as exc:  # a bug: say so in one line; UNSC_DEBUG=1 shows where
            if os.environ.get(DEBUG_ENV):
                raise
            _fail(
                f"error: internal error ({type(exc).__name__}: {_one_line(str(exc))[:200]}); "
                f"please report it (set {DEBUG_ENV}=1 for the traceback)",
                70,
            )
        code = result if isinstance(result, int) and not isinstance(result, bool) else 0
        sys.exit(code)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()
    sys.exit(code)
