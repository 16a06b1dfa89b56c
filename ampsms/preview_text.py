"""Text view of a preview: the reply in a framed box as a phone shows it, a summary line, warnings.

Inside the box, ``↵`` ends a line that ends with LF, ``␍`` marks a CR,
``␌`` a form feed and ``→`` a TAB. Trailing spaces show as ``·``; invisible
characters and spaces other than U+0020 show as ``⟨U+XXXX⟩``. With color
on, characters that force UCS-2 and trailing whitespace are highlighted.
When the reply needs several segments, a divider marks where each part begins.
"""

from __future__ import annotations

import re
import unicodedata

from .preview import Reply
from .sms import SmsInfo, is_gsm
from .preview import PreviewWarning
from .terminal import Cell, Style, char_width, draw_box

__all__ = ["DEFAULT_WIDTH", "MIN_WIDTH", "format_reply", "heading_for", "message_lines", "summary_line"]

# Columns inside the box: about what a phone's message bubble shows on a line.
DEFAULT_WIDTH = 40
# The widest cell, ⟨U+10FFFF⟩, is 10 columns, and a line keeps two columns
# for its line-end marker.
MIN_WIDTH = 12

_LINE_END_MARKERS = {"\n": "↵", "\r": "␍", "\f": "␌", "\r\n": "␍↵"}
_TRAILING_SPACE_RE = re.compile(r"[ \t]+(?=\r\n|\r|\n|\Z)")
# Cs is a lone surrogate, left when a UTF-16 slice cuts an emoji in half.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp", "Zs"}


def format_reply(
    reply: Reply,
    style: Style,
    *,
    width: int = DEFAULT_WIDTH,
    heading: str | None = None,
    template_name: str = "<template>",
    max_segments: int | None = None,
) -> str:
    """Lay out one reply: an optional heading, the message box, the summary line and the warnings."""
    out: list[str] = []
    if heading:
        out.append(style.bold(heading))
    if reply.error is not None:
        out.append(style.red("render failed: ") + reply.error.message + style.dim(" (details on stderr)"))
        return "\n".join(out) + "\n"

    assert reply.result is not None and reply.info is not None
    title = f"part 1 of {reply.info.segments}" if reply.info.segments > 1 else "reply"
    out.append(draw_box(message_lines(reply.result.text, reply.info, style, width), width, style, title))
    out.append(summary_line(reply.info, style, max_segments))
    for warning in reply.warnings:
        out.append(_format_warning(warning, style, template_name))
    return "\n".join(out) + "\n"


def summary_line(info: SmsInfo, style: Style, max_segments: int | None = None) -> str:
    """Return e.g. ``GSM-7 · 74/160 chars · 1 segment``; the limit is the room in the segments used."""
    capacity = info.per_segment * max(info.segments, 1)
    segments = f"{info.segments} segment" + ("" if info.segments == 1 else "s")
    if max_segments is not None and info.segments > max_segments:
        segments = style.red(segments + f" (max {max_segments})")
    elif info.segments > 1:
        segments = style.yellow(segments + f" of {info.per_segment}")
    else:
        segments = style.green(segments)
    encoding = style.bold(info.encoding) if info.encoding == "GSM-7" else style.yellow(info.encoding)
    separator = style.dim(" · ")
    return separator.join([encoding, f"{info.length}/{capacity} chars", segments])


def message_lines(text: str, info: SmsInfo, style: Style, width: int) -> list[list[Cell] | str]:
    """Break text into box lines of at most ``width`` columns, with markers and part dividers.

    Lines wrap at the last space that fits, as phones wrap words; a word
    longer than a line is cut. A line-end marker may take the last two
    columns, so text wraps two columns early.
    """
    if not text:
        return [[Cell(style.dim("(empty)"), 7)]]

    trailing = {index for match in _TRAILING_SPACE_RE.finditer(text) for index in range(match.start(), match.end())}
    part_starts = {}
    offset = 0
    for number, part in enumerate(info.parts, start=1):
        if number > 1:
            part_starts[offset] = f"part {number} of {info.segments}"
        offset += len(part)

    wrap = _Wrapper(max(width - 2, 1))
    index = 0
    while index < len(text):
        if index in part_starts:
            wrap.divider(part_starts[index])
        char = text[index]
        if char == "\r" and text.startswith("\n", index + 1) and index + 1 not in part_starts:
            char = "\r\n"
        marker = _LINE_END_MARKERS.get(char)
        if marker is not None:
            wrap.end_line(Cell(style.marker(marker), len(marker)))
        else:
            wrap.add(_cell(char, index in trailing, style))
        index += len(char)
    return wrap.finish()


def _cell(char: str, is_trailing: bool, style: Style) -> Cell:
    if char == "\t":
        return Cell(style.alert("→"), 1)
    if char == " ":
        if is_trailing:
            return Cell(style.alert("·"), 1)
        return Cell(" ", 1, is_space=True)
    if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
        shown = f"⟨U+{ord(char):04X}⟩"
        return Cell(style.alert(shown), len(shown))
    if not is_gsm(char):
        return Cell(style.alert(char), char_width(char))
    return Cell(char, char_width(char))


class _Wrapper:
    """Collects cells into box lines, wrapping words at a column limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[list[Cell] | str] = []
        self.current: list[Cell] = []
        self.used = 0

    def add(self, cell: Cell) -> None:
        if self.used + cell.width > self.limit and self.current:
            self._wrap()
        self.current.append(cell)
        self.used += cell.width

    def end_line(self, marker: Cell) -> None:
        self.current.append(marker)
        self._push()

    def divider(self, label: str) -> None:
        if self.current:
            self._push()
        self.lines.append(label)

    def finish(self) -> list[list[Cell] | str]:
        if self.current:
            self._push()
        return self.lines

    def _wrap(self) -> None:
        last_space = max((i for i, cell in enumerate(self.current) if cell.is_space), default=-1)
        if last_space <= 0:
            self._push()
            return
        rest = self.current[last_space + 1 :]
        self.current = self.current[: last_space + 1]
        self._push()
        self.current = rest
        self.used = sum(cell.width for cell in rest)

    def _push(self) -> None:
        self.lines.append(self.current)
        self.current = []
        self.used = 0


def _format_warning(warning: PreviewWarning, style: Style, template_name: str) -> str:
    if warning.severity == "error":
        label = style.red("error")
    elif warning.severity == "warning":
        label = style.yellow("warning")
    else:
        label = style.cyan("info")
    # Positions in the reply are part of each message ("at 1:5"); positions
    # in the template get the usual file:line:column prefix.
    where = ""
    if warning.source == "template" and warning.line is not None:
        where = style.dim(f"{template_name}:{warning.line}:{warning.column}: ")
    return f"  {label}: {where}{warning.message}"


def heading_for(inbound: str | None, number: int, total: int) -> str | None:
    """Return the line above a reply's box, naming the inbound message it replies to."""
    parts = []
    if total > 1:
        parts.append(f"reply {number} of {total}")
    if inbound is not None:
        parts.append("inbound " + _show_inbound(inbound))
    return " · ".join(parts) or None


def _show_inbound(text: str) -> str:
    shown = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{shown}"'

