"""Preview of the reply a phone gets: the rendered text, its SMS numbers and warnings about it.

preview_reply() renders a compiled template for one context and collects
what a reviewer should see. That is the characters that force UCS-2, blank
lines and trailing whitespace, and what the render noted (unknown
``%%Name%%`` strings, unknown attributes, MSG(0) without an inbound message).
It also lists the HttpGet calls made and the conversation actions recorded. ``ampsms preview`` shows the
result as a framed message box or as JSON.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

from .compiler import RenderResult, Template
from .context import RenderContext
from .errors import AmpscriptError
from .sms import SmsInfo, analyze, replace_typographic

__all__ = ["PreviewWarning", "Reply", "MOBILECONNECT_MAX_PARTS", "preview_reply", "reply_to_dict"]

# Salesforce's MobileConnect guideline is at most 10 message parts; it is not
# strictly enforced and carriers differ.
MOBILECONNECT_MAX_PARTS = 10

_LINE_BREAK = r"(?:\r\n|\r|\n)"
_LEADING_BLANK_RE = re.compile(rf"[ \t]*(?:{_LINE_BREAK}[ \t]*)+")
_TRAILING_BLANK_RE = re.compile(rf"(?:{_LINE_BREAK}[ \t]*)+\Z")
_TRAILING_SPACE_RE = re.compile(rf"[ \t]+(?={_LINE_BREAK}|\Z)")
_LINE_BREAK_RE = re.compile(_LINE_BREAK)

# Positions listed in one non-GSM warning before the rest is summed up.
_MAX_POSITIONS_SHOWN = 5

# Other GSM spellings worth naming next to the suggested replacement.
_ALTERNATIVES = {"ç": "Ç"}

# Names for control characters, which have none in the Unicode database.
_CONTROL_NAMES = {"\t": "TAB", "\x1b": "ESCAPE", "\x00": "NULL", "\x7f": "DELETE", "\x0b": "VERTICAL TAB"}


@dataclass(frozen=True)
class PreviewWarning:
    """One finding about a reply.

    ``source`` is "message" when ``line`` and ``column`` point into the
    rendered text and "template" when they point into the template.
    ``severity`` is "error", "warning" or "info".
    """

    code: str
    message: str
    severity: str = "warning"
    source: str = "message"
    line: int | None = None
    column: int | None = None


@dataclass
class Reply:
    """The outcome of rendering one reply: the result and its SMS numbers, or the error."""

    inbound: str | None
    result: RenderResult | None = None
    info: SmsInfo | None = None
    error: AmpscriptError | None = None
    warnings: list[PreviewWarning] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        return self.result.text if self.result is not None else None


def preview_reply(template: Template, context: RenderContext) -> Reply:
    """Render one reply and collect its warnings; a runtime error is stored, not raised."""
    reply = Reply(inbound=context.inbound)
    try:
        reply.result = template.run(context=context)
    except AmpscriptError as error:
        reply.error = error
        return reply
    reply.info = analyze(reply.result.text)
    reply.warnings.extend(message_warnings(reply.result.text, reply.info))
    reply.warnings.extend(render_warnings(reply.result))
    return reply


# --------------------------------------------------------------- warnings


def message_warnings(text: str, info: SmsInfo) -> list[PreviewWarning]:
    """Find what a phone user would notice in the text: blank lines, stray spaces, encoding and length."""
    warnings: list[PreviewWarning] = []
    if not text:
        warnings.append(PreviewWarning("empty-message", "the reply is empty"))
        return warnings
    if not text.strip():
        warnings.append(PreviewWarning("blank-message", "the reply contains only whitespace", line=1, column=1))
        return warnings

    warnings.extend(_blank_line_warnings(text))
    warnings.extend(_trailing_space_warnings(text))
    warnings.extend(_non_gsm_warnings(info))
    if info.encoding == "UCS-2":
        warnings.extend(_typographic_fix_warnings(text, info))
    elif info.extension_chars:
        chars = " ".join(dict.fromkeys(record.char for record in info.extension_chars))
        count = len(info.extension_chars)
        warnings.append(
            PreviewWarning(
                "extension-chars",
                f"{_plural(count, 'extension character')} ({chars}) count two characters each in GSM-7",
                severity="info",
            )
        )
    if info.segments > MOBILECONNECT_MAX_PARTS:
        warnings.append(
            PreviewWarning(
                "too-many-segments",
                f"the reply needs {info.segments} segments; MobileConnect's guideline is at most "
                f"{MOBILECONNECT_MAX_PARTS} message parts, and carriers may reject longer messages",
            )
        )
    return warnings


def render_warnings(result: RenderResult) -> list[PreviewWarning]:
    """Turn the render's notes, HttpGet calls and conversation actions into warnings."""
    warnings = [
        PreviewWarning(note.code, note.message, source="template", line=note.line, column=note.column)
        for note in result.notes
    ]
    # A call's status is the one HttpGet reports: 0 for success, negative for a failure.
    for call in result.http_calls:
        if call.error:
            message = f"HttpGet {call.url} failed with status {call.status}: {call.error}"
            warnings.append(PreviewWarning("http-get", message))
        else:
            message = f"HttpGet {call.url} read the {call.source} reply"
            warnings.append(PreviewWarning("http-get", message, severity="info"))
    for action in result.actions:
        warnings.append(PreviewWarning("action", _describe_action(action), severity="info"))
    return warnings


def _blank_line_warnings(text: str) -> list[PreviewWarning]:
    warnings = []
    leading = _LEADING_BLANK_RE.match(text)
    if leading:
        count = len(_LINE_BREAK_RE.findall(leading.group()))
        warnings.append(
            PreviewWarning(
                "leading-blank-lines",
                f"the reply starts with {_plural(count, 'blank line')} "
                "(from a line break after a %%[ ... ]%% block, which is part of the message)",
                line=1,
                column=1,
            )
        )
    trailing = _TRAILING_BLANK_RE.search(text)
    if trailing:
        count = len(_LINE_BREAK_RE.findall(trailing.group()))
        line, column = _position(text, trailing.start())
        warnings.append(
            PreviewWarning(
                "trailing-line-breaks",
                f"the reply ends with {_plural(count, 'line break')} "
                "(from the template's last line or a %%[ ... ]%% block, which are part of the message)",
                line=line,
                column=column,
            )
        )
    return warnings


def _trailing_space_warnings(text: str) -> list[PreviewWarning]:
    warnings = []
    for match in _TRAILING_SPACE_RE.finditer(text):
        line, column = _position(text, match.start())
        if column == 1:
            continue  # a whitespace-only line: part of a blank-line warning or a blank line in the middle
        count = len(match.group())
        what = "space" if "\t" not in match.group() else "whitespace character"
        warnings.append(
            PreviewWarning("trailing-whitespace", f"line {line} ends with {_plural(count, what)}", line=line, column=column)
        )
    return warnings


def _non_gsm_warnings(info: SmsInfo) -> list[PreviewWarning]:
    by_char: dict[str, list] = {}
    for record in info.non_gsm:
        by_char.setdefault(record.char, []).append(record)
    warnings = []
    for char, records in by_char.items():
        positions = [f"{record.line}:{record.column}" for record in records[:_MAX_POSITIONS_SHOWN]]
        where = ", ".join(positions)
        if len(records) > _MAX_POSITIONS_SHOWN:
            where += f" and {len(records) - _MAX_POSITIONS_SHOWN} more"
        message = f"{describe_char(char)} at {where} forces UCS-2"
        first = records[0]
        if first.replacement is not None:
            message += "; " + _describe_replacement(char, first.replacement, first.typographic)
        warnings.append(PreviewWarning("non-gsm", message, line=first.line, column=first.column))
    return warnings


def _typographic_fix_warnings(text: str, info: SmsInfo) -> list[PreviewWarning]:
    fixed = analyze(replace_typographic(text))
    if fixed.encoding != "GSM-7" and fixed.segments >= info.segments:
        return []
    return [
        PreviewWarning(
            "typographic-fix",
            f"with the typographic replacements the reply is {fixed.encoding}, "
            f"{fixed.length}/{fixed.per_segment * max(fixed.segments, 1)} characters, "
            f"{_plural(fixed.segments, 'segment')}",
            severity="info",
        )
    ]


def describe_char(char: str) -> str:
    """Name a character for a message: the character when it is visible, its code point and Unicode name."""
    code_point = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "CONTROL CHARACTER" if char.isascii() else "")
    visible = char.isprintable() and not char.isspace() and unicodedata.category(char) not in ("Cf", "Mn", "Me")
    return " ".join(part for part in (char if visible else "", code_point, name) if part)


def _describe_replacement(char: str, replacement: str, typographic: bool) -> str:
    if replacement == "":
        return "remove it"
    if replacement == " ":
        return "replace it with a space"
    if replacement == "\n":
        return "replace it with a line break"
    if typographic:
        return f"replace it with {_quote(replacement)}"
    suggestion = f"consider {_quote(replacement)}"
    alternative = _ALTERNATIVES.get(char)
    if alternative:
        suggestion += f" or {_quote(alternative)}"
    return suggestion + " (a letter: check the spelling)"


def _describe_action(action: dict[str, Any]) -> str:
    name = action.get("action", "action")
    details = ", ".join(f"{key}={value!r}" for key, value in action.items() if key != "action")
    return f"conversation action {name}" + (f": {details}" if details else "")


def _quote(text: str) -> str:
    return f"'{text}'" if '"' in text else f'"{text}"'


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _position(text: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column of a string index, counting LF, CR LF and CR as line breaks."""
    before = text[:index]
    breaks = list(_LINE_BREAK_RE.finditer(before))
    if not breaks:
        return 1, index + 1
    return len(breaks) + 1, index - breaks[-1].end() + 1


# ------------------------------------------------------------------- JSON


def reply_to_dict(reply: Reply) -> dict[str, Any]:
    """Convert a reply to plain data for JSON output; the SMS fields are null when the render failed."""
    info = reply.info
    result = reply.result
    return {
        "inbound": reply.inbound,
        "text": reply.text,
        "encoding": info.encoding if info else None,
        "length": info.length if info else None,
        "segments": info.segments if info else None,
        "per_segment": info.per_segment if info else None,
        "single_limit": info.single_limit if info else None,
        "parts": info.parts if info else None,
        "non_gsm": [asdict(record) for record in info.non_gsm] if info else None,
        "extension_chars": [asdict(record) for record in info.extension_chars] if info else None,
        "warnings": [asdict(warning) for warning in reply.warnings],
        "http_calls": [asdict(call) for call in result.http_calls] if result else [],
        "actions": list(result.actions) if result else [],
        "error": reply.error.to_dict() if reply.error else None,
    }
