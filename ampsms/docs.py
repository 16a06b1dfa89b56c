"""Generate the function reference (docs/functions.md) from the built-in registry.

Run ``python -m ampsms.docs functions --output docs/functions.md`` after
adding or changing a built-in; tests/test_docs.py fails while the committed
page and the registry disagree.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from .functions import FUNCTIONS
from .functions.catalog import CATALOG, unsupported_reason
from .functions.registry import Builtin

__all__ = ["functions_reference", "main"]

REGENERATE_COMMAND = "python -m ampsms.docs functions --output docs/functions.md"

# Categories in the order the page lists them. Any other category follows
# in alphabetical order.
_CATEGORY_ORDER = [
    "String",
    "Math",
    "Date and Time",
    "Utility",
    "Content",
    "Data Extension",
    "Encryption and Encoding",
    "HTTP",
    "MobileConnect",
]


def _markdown(text: str) -> str:
    """Turn reStructuredText inline literals (``x``) into Markdown code spans."""
    return re.sub(r"``(.+?)``", r"`\1`", text)


def _anchor(name: str) -> str:
    return name.lower()


def _category_key(category: str) -> tuple[int, str]:
    if category in _CATEGORY_ORDER:
        return _CATEGORY_ORDER.index(category), category
    return len(_CATEGORY_ORDER), category


def _function_section(function: Builtin) -> list[str]:
    lines = [f"### {function.name}", "", f"`{function.signature}`", ""]
    lines.append(f"Takes {function.arity_text()}.")
    lines.append("")
    for paragraph in function.doc.split("\n\n"):
        lines.append(_markdown(" ".join(paragraph.split())))
        lines.append("")
    lines.append("Example:")
    lines.append("")
    lines.append("```")
    lines.append(function.example)
    lines.append("```")
    lines.append("")
    return lines


def functions_reference() -> str:
    """Return the Markdown text of docs/functions.md for the functions registered now."""
    by_category: dict[str, list[Builtin]] = {}
    for function in FUNCTIONS.values():
        by_category.setdefault(function.category, []).append(function)
    categories = sorted(by_category, key=_category_key)

    lines = [
        "# AMPscript functions in ampsms",
        "",
        f"<!-- Generated from the function registry by `{REGENERATE_COMMAND}`; do not edit by hand. -->",
        "",
        "Function names ignore case. Positions, rows and ordinals count from 1. A call with the",
        "wrong number of arguments, or to a function that is unknown or not supported, fails the",
        "whole template when it is compiled, even in a branch that never runs.",
        "",
    ]
    for category in categories:
        names = ", ".join(
            f"[{function.name}](#{_anchor(function.name)})"
            for function in sorted(by_category[category], key=lambda f: f.name.lower())
        )
        lines.append(f"- {category}: {names}")
    lines.append("- [Not supported in SMS templates](#not-supported-in-sms-templates)")
    lines.append("")

    for category in categories:
        lines.append(f"## {category}")
        lines.append("")
        for function in sorted(by_category[category], key=lambda f: f.name.lower()):
            lines.extend(_function_section(function))

    lines.append("## Not supported in SMS templates")
    lines.append("")
    lines.append("Marketing Cloud knows these functions, but a call to one fails at compile time with")
    lines.append('"NAME is not supported in SMS templates" and the reason below.')
    lines.append("")
    lines.append("| Function | Category | Reason |")
    lines.append("| --- | --- | --- |")
    for name, category in sorted(CATALOG.items(), key=lambda item: item[0].lower()):
        if name.lower() in FUNCTIONS:
            continue
        lines.append(f"| {name} | {category} | {unsupported_reason(name)} |")
    lines.append("")
    return "\n".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def main(argv: list[str] | None = None) -> int:
    """Print or write a generated reference page; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m ampsms.docs", description="Generate ampsms reference pages.")
    parser.add_argument("page", choices=["functions"], help="the page to generate")
    parser.add_argument("--output", metavar="FILE", help="write the page to FILE (replaced atomically) instead of stdout")
    args = parser.parse_args(argv)
    text = functions_reference()
    if args.output:
        _write_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
