"""Characters: literal text outside GSM-7, and GSM-7 extension characters that cost two septets."""

from __future__ import annotations

import unicodedata
from typing import Iterator

from ... import nodes
from ...sms import SmsChar, analyze
from ..diagnostics import Severity
from .base import Rule, RuleContext, register

# Argument positions whose text a function passes into its result, so that a
# string literal there ends up in the message: "*" for every argument.
_TEXT_PASS_THROUGH: dict[str, frozenset[int] | str] = {
    "concat": "*",
    "v": "*",
    "output": "*",
    "outputline": "*",
    "iif": frozenset({1, 2}),
    "uppercase": frozenset({0}),
    "lowercase": frozenset({0}),
    "propercase": frozenset({0}),
    "trim": frozenset({0}),
    "substring": frozenset({0}),
    "replace": frozenset({0, 2}),
    "replacelist": frozenset({0, 1}),
}

# Names for characters that Unicode gives no name.
_CONTROL_NAMES = {"\t": "TAB", "\x0b": "VERTICAL TAB", "\x7f": "DELETE"}

# Plain-text stand-ins for the GSM-7 extension characters, which cost two septets.
_EXTENSION_STAND_INS = {
    "[": "(", "]": ")", "{": "(", "}": ")", "~": "-", "|": "/", "\\": "/", "€": "EUR", "\f": "a line break",
}


def char_name(char: str) -> str:
    """Return the Unicode name of a character, or a readable name for a control character."""
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    return unicodedata.name(char, "CONTROL CHARACTER")


def describe_char(char: str, code_point: str) -> str:
    """Return ``’ (U+2019 RIGHT SINGLE QUOTATION MARK)``, leaving out the glyph of invisible characters."""
    shown = f"{char} " if char.isprintable() and not char.isspace() else ""
    return f"{shown}({code_point} {char_name(char)})"


def _passes_text(call: nodes.Call, argument: nodes.Node) -> bool:
    name = call.name.lower()
    positions = _TEXT_PASS_THROUGH.get(name)
    if positions is None:
        return False
    if name in ("output", "outputline") and not isinstance(argument, nodes.Call):
        # Output writes only function-call arguments (OU01).
        return False
    if positions == "*":
        return True
    return any(call.args[index] is argument for index in positions if index < len(call.args))


def message_literals(context: RuleContext) -> list[nodes.StringLiteral]:
    """Return the string literals that reach the message: in %%= =%%, SET values or Output, through text functions."""
    analysis = context.analysis
    found = []
    for node in analysis.nodes:
        if not isinstance(node, nodes.StringLiteral):
            continue
        child: nodes.Node = node
        parent = analysis.parent(child)
        while isinstance(parent, nodes.Call) and _passes_text(parent, child):
            child, parent = parent, analysis.parent(parent)
        if isinstance(parent, (nodes.Inline, nodes.Set)) or (
            isinstance(parent, nodes.ExprStatement)
            and isinstance(child, nodes.Call)
            and child.name.lower() in ("output", "outputline")
        ):
            found.append(node)
    return found


def _literal_offsets(literal: nodes.StringLiteral, source: str, start: int) -> list[int]:
    """Map each character of a string literal's value to its index in the source.

    The value drops the quotes and reads a doubled quote as one, so the
    indexes shift after each doubled quote.
    """
    quote = source[start]
    offsets = []
    index = start + 1
    for _ in literal.value:
        offsets.append(index)
        index += 2 if source[index] == quote else 1
    return offsets


def message_text_pieces(context: RuleContext) -> Iterator[tuple[str, list[int]]]:
    """Yield each piece of literal message text with the source index of every character."""
    analysis = context.analysis
    for node in analysis.nodes:
        if isinstance(node, nodes.Text):
            start = analysis.offset(node.line, node.column)
            yield node.value, list(range(start, start + len(node.value)))
    for literal in message_literals(context):
        start = analysis.offset(literal.line, literal.column)
        yield literal.value, _literal_offsets(literal, context.source, start)


def _located_chars(context: RuleContext, kind: str) -> Iterator[tuple[SmsChar, tuple[int, int]]]:
    """Yield each character record of one kind (``non_gsm`` or ``extension_chars``) with its template position."""
    analysis = context.analysis
    for text, offsets in message_text_pieces(context):
        for record in getattr(analyze(text), kind):
            yield record, analysis.position(offsets[record.index])


@register
class NonGsmCharacter(Rule):
    """Report a character of literal message text that is outside the GSM-7 alphabet.

    One such character sends the whole message as UCS-2, where an SMS
    carries 70 characters instead of 160 (67 instead of 153 per part). The
    same text can then cost two or three times as many segments. Curly quotes, dashes
    and no-break spaces pasted from a word processor are the usual cause; the
    hint gives the GSM replacement where one exists. Literal text and string
    literals that reach the message are checked; a character that comes from
    the data is found by rendering (LN02).

    Fails:

        Thanks – we’ll text you when it ships.

    Passes:

        Thanks - we'll text you when it ships.
    """

    code = "CH01"
    name = "non-gsm-character"
    summary = "Literal message text has a character outside GSM-7, which makes the message UCS-2."
    severity = Severity.WARNING

    def check(self, context):
        for record, (line, column) in _located_chars(context, "non_gsm"):
            if record.replacement is None:
                hint = "remove it, or accept UCS-2: 70 characters per SMS instead of 160"
            elif record.replacement == "":
                hint = "remove it: it is invisible"
            else:
                hint = f"replace it with {record.replacement!r}"
            message = (
                f"{describe_char(record.char, record.code_point)} is not in the GSM-7 alphabet, "
                "so the whole message is sent as UCS-2"
            )
            yield self.report(context, line, column, message, hint)


@register
class ExtensionCharacter(Rule):
    """Report a GSM-7 extension character in literal message text: it costs two of the 160 septets.

    ``^ { } \\ [ ~ ] |``, ``€`` and form feed travel as an escape plus a
    second septet, so each counts twice toward the 160 (or 153 per part)
    limit, and a message that looks 160 characters long needs two segments.

    Fails:

        Reply [YES] to confirm.

    Passes:

        Reply YES to confirm.
    """

    code = "CH02"
    name = "extension-character"
    summary = "Literal message text has a GSM-7 extension character, which counts as two characters."
    severity = Severity.WARNING

    def check(self, context):
        for record, (line, column) in _located_chars(context, "extension_chars"):
            stand_in = _EXTENSION_STAND_INS.get(record.char)
            hint = f"use {stand_in!r} instead, or count it twice" if stand_in else "count it twice"
            message = (
                f"{describe_char(record.char, record.code_point)} is a GSM-7 extension character "
                "and counts as two characters toward the SMS length"
            )
            yield self.report(context, line, column, message, hint)
