"""Write docs/api.md, the Python API reference, from the library's own docstrings.

python scripts/api_reference.py          # rewrite docs/api.md
python scripts/api_reference.py --check  # exit 1 if docs/api.md is stale
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from pathlib import Path
from types import ModuleType

from generated_doc import write_or_check

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"

# (module, the names to document: its __all__ when None, else those listed)
SECTIONS: list[tuple[str, list[str] | None]] = [
    ("unsc", None),
    ("unsc.record.values", None),
    ("unsc.rules", None),
    ("unsc.rules.historical", ["HistoricalCase", "historical_cases", "replay", "disagreements"]),
    (
        "unsc.council",
        ["load_presets", "parse_presets", "config_for_size", "size_on", "quota_on"],
    ),
    ("unsc.membership", ["permanent_seat_of", "held_permanent_seat", "permanent_holder"]),
]


def _names(module: ModuleType, listed: list[str] | None) -> list[str]:
    if listed is not None:
        return listed
    exported = getattr(module, "__all__", None)
    if exported is not None:
        return list(exported)
    return [
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == module.__name__
        and (inspect.isclass(value) or inspect.isfunction(value))
    ]


def _doc(value: object) -> str:
    return inspect.cleandoc(inspect.getdoc(value) or "(no docstring)")


def _signature(value: object) -> str:
    try:
        text = str(inspect.signature(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"
    return re.sub(r"(: |-> )'([^']*)'", r"\1\2", text)  # annotations without their quotes


def _function(name: str, value: object, level: str) -> list[str]:
    return [f"{level} `{name}{_signature(value)}`\n", _doc(value), ""]


def _class(name: str, cls: type, level: str) -> list[str]:
    parts = [f"{level} class `{name}`\n", _doc(cls), ""]
    if dataclasses.is_dataclass(cls):
        rows = [
            f"| `{f.name}` | `{f.type}` |"
            for f in dataclasses.fields(cls)
            if not f.name.startswith("_")
        ]
        parts += ["| field | type |", "|---|---|", *rows, ""]
    for attr, member in vars(cls).items():
        if attr.startswith("_") and attr != "__init__":
            continue
        if isinstance(member, property):
            parts += [f"- `{name}.{attr}` (property): {_doc(member).splitlines()[0]}"]
        elif isinstance(member, classmethod | staticmethod):
            bound = getattr(cls, attr)
            parts += [f"- `{name}.{attr}{_signature(bound)}`: {_first(bound)}"]
        elif inspect.isfunction(member) and attr != "__init__":
            parts += [f"- `{name}.{attr}{_signature(member)}`: {_first(member)}"]
    if parts[-1] != "":
        parts.append("")
    return parts


def _first(value: object) -> str:
    doc = inspect.getdoc(value)
    return " ".join(doc.split("\n\n")[0].split()) if doc else "(no docstring)"


def render() -> str:
    parts = [
        "# Python API reference\n",
        "Generated from the docstrings by `scripts/api_reference.py`; a test fails when it is",
        "stale. `import unsc` gives the names of the first section; the README opens with an",
        "example.\n",
    ]
    seen: dict[int, str] = {}
    for module_name, listed in SECTIONS:
        module = importlib.import_module(module_name)
        parts += [f"## `{module_name}`\n", _doc(module).split("\n\n")[0], ""]
        for name in _names(module, listed):
            value = getattr(module, name)
            if (inspect.isclass(value) or callable(value)) and id(value) in seen:
                parts += [f"### `{name}`\n", f"The same as `{seen[id(value)]}` above.", ""]
                continue
            if inspect.isclass(value) or callable(value):
                seen[id(value)] = f"{module_name}.{name}"
            if inspect.isclass(value):
                parts += _class(name, value, "###")
            elif callable(value):
                parts += _function(name, value, "###")
            else:
                parts += [f"### `{name}`\n", f"`{value!r}`", ""]
    return "\n".join(parts).rstrip() + "\n"


def main() -> int:
    return write_or_check(DOC, render(), "api_reference.py")


if __name__ == "__main__":
    raise SystemExit(main())
