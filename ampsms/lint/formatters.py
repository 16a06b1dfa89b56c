"""Output formats of ``ampsms lint``: human text, JSON and GitHub workflow annotations.

Every format is built from Diagnostic.to_dict(), so they carry the same facts.
"""

from __future__ import annotations

import json
from enum import Enum

from .runner import LintResult

__all__ = ["OutputFormat", "format_result"]


class OutputFormat(str, Enum):
    """The values of ``--format``."""

    HUMAN = "human"
    JSON = "json"
    GITHUB = "github"


def format_result(result: LintResult, output_format: OutputFormat) -> str:
    """Render a lint result in one output format, ending with a newline unless it is empty."""
    if output_format is OutputFormat.JSON:
        return json.dumps([d.to_dict() for d in result.diagnostics], indent=2, ensure_ascii=False) + "\n"
    if output_format is OutputFormat.GITHUB:
        return "".join(_github_line(d.to_dict()) + "\n" for d in result.diagnostics)
    return _human(result)


# --------------------------------------------------------------------- human


def _human(result: LintResult) -> str:
    blocks = []
    for diagnostic in result.diagnostics:
        data = diagnostic.to_dict()
        lines = [f"{data['path']}:{data['line']}:{data['column']}: {data['code']} {data['severity']}: {data['message']}"]
        source_line = _source_line(result.sources.get(data["path"]), data["line"])
        if source_line is not None:
            lines.append("    " + source_line.expandtabs(1))
            lines.append("    " + " " * (data["column"] - 1) + "^")
        if data["hint"]:
            lines.append(f"    hint: {data['hint']}")
        blocks.append("\n".join(lines))
    blocks.append(_summary(result))
    return "\n".join(blocks) + "\n"


def _source_line(source: str | None, line: int) -> str | None:
    if source is None:
        return None
    lines = source.splitlines()
    if 1 <= line <= len(lines):
        return lines[line - 1]
    return None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _summary(result: LintResult) -> str:
    checked = _count(result.files, "file")
    if not result.diagnostics:
        return f"No problems in {checked}."
    return f"Found {_count(result.error_count, 'error')} and {_count(result.warning_count, 'warning')} in {checked}."


# -------------------------------------------------------------------- github


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(data: dict) -> str:
    """Return one workflow command, ``::error file=...,line=...,col=...,title=CODE::message``."""
    command = "error" if data["severity"] == "error" else "warning"
    properties = ",".join(
        [
            f"file={_escape_property(data['path'])}",
            f"line={data['line']}",
            f"col={data['column']}",
            f"title={_escape_property(data['code'])}",
        ]
    )
    message = f"{data['message']} [{data['rule']}]"
    if data["hint"]:
        message += f"\nhint: {data['hint']}"
    return f"::{command} {properties}::{_escape_data(message)}"
