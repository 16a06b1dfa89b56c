"""Per-file suppression comments: ``/* ampsms: disable=CODE[,CODE] */`` inside a code block.

A directive switches the listed rules off for the whole file. It must sit in
a ``%%[ ]%%`` or script block, where comments are allowed. The same text in
literal message text is sent to the phone, so it is not a directive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import nodes
from .analysis import Analysis

__all__ = ["Suppression", "find_suppressions"]

# The codes are comma-separated words; text after them is a free-form reason.
_DIRECTIVE = re.compile(r"ampsms\s*:\s*disable\s*=\s*([^\s,*]+(?:\s*,\s*[^\s,*]+)*)")


@dataclass(frozen=True)
class Suppression:
    """One rule code named in a directive, with the position of the directive's comment."""

    code: str
    line: int
    column: int


def _code_spans(document: nodes.Document, analysis: Analysis) -> list[tuple[int, int]]:
    """Return the source index ranges inside each code block, between its delimiters."""
    spans = []
    opener: nodes.Delimiter | None = None
    for delimiter in document.delimiters:
        is_opener = delimiter.value == "%%[" or delimiter.value.lower().startswith("<script")
        if is_opener:
            opener = delimiter
        elif opener is not None:
            start = analysis.offset(opener.line, opener.column) + len(opener.value)
            spans.append((start, analysis.offset(delimiter.line, delimiter.column)))
            opener = None
    return spans


def _comments(source: str, start: int, stop: int):
    """Yield ``(index, text)`` of each /* */ comment in a code span, skipping string literals."""
    index = start
    while index < stop:
        char = source[index]
        if char in "\"'":
            # A doubled quote inside a string is an escaped quote.
            index += 1
            while index < stop:
                if source[index] == char:
                    if index + 1 < stop and source[index + 1] == char:
                        index += 2
                        continue
                    break
                index += 1
            index += 1
        elif source.startswith("/*", index):
            end = source.find("*/", index + 2, stop)
            end = stop if end < 0 else end + 2
            yield index, source[index:end]
            index = end
        else:
            index += 1


def find_suppressions(document: nodes.Document, analysis: Analysis) -> list[Suppression]:
    """Return every rule code that a directive in a code block disables, in source order."""
    found = []
    for start, stop in _code_spans(document, analysis):
        for index, comment in _comments(analysis.source, start, stop):
            match = _DIRECTIVE.search(comment)
            if match is None:
                continue
            line, column = analysis.position(index)
            for code in match.group(1).split(","):
                code = code.strip().upper()
                if code:
                    found.append(Suppression(code, line, column))
    return found
