"""Terminal output helpers: ANSI color that switches off cleanly, display width, a framed box."""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass
from typing import TextIO

__all__ = ["Cell", "Style", "char_width", "should_use_color", "draw_box", "text_width"]

_RESET = "\x1b[0m"


def should_use_color(flag: bool | None, stream: TextIO | None = None) -> bool:
    """Decide whether to write ANSI color codes.

    An explicit ``--color`` or ``--no-color`` flag wins. Otherwise color is
    on only when the stream is a terminal and NO_COLOR is unset or empty,
    the convention described at https://no-color.org.
    """
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    """Text styling with ANSI SGR codes, which leaves text unchanged when color is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def paint(self, text: str, *codes: str) -> str:
        if not self.color or not text or not codes:
            return text
        return f"\x1b[{';'.join(codes)}m{text}{_RESET}"

    def bold(self, text: str) -> str:
        return self.paint(text, "1")

    def dim(self, text: str) -> str:
        return self.paint(text, "2")

    def red(self, text: str) -> str:
        return self.paint(text, "31")

    def green(self, text: str) -> str:
        return self.paint(text, "32")

    def yellow(self, text: str) -> str:
        return self.paint(text, "33")

    def cyan(self, text: str) -> str:
        return self.paint(text, "36")

    def marker(self, text: str) -> str:
        """Style for the symbols the preview adds, such as the line-break arrow."""
        return self.paint(text, "2", "36")

    def alert(self, text: str) -> str:
        """Style for message characters that need attention: non-GSM or trailing whitespace."""
        return self.paint(text, "30", "43")


def char_width(char: str) -> int:
    """Return the number of terminal columns a character takes: 0, 1 or 2."""
    if char.isascii():
        return 1
    if unicodedata.category(char) in ("Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Return the number of terminal columns text takes."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


@dataclass(frozen=True)
class Cell:
    """A piece of a box line: its text, already styled, and its width in columns."""

    text: str
    width: int
    is_space: bool = False


def draw_box(lines: list[list[Cell] | str], width: int, style: Style, title: str = "") -> str:
    """Draw lines inside a rounded frame ``width`` columns wide inside.

    A line is a list of cells, padded to the width, or the text of a
    divider drawn across the frame (an empty string draws a plain divider).
    """
    border = style.dim
    top_label = f" {title} " if title else ""
    top = "╭─" + top_label + "─" * max(0, width + 1 - text_width(top_label)) + "╮"
    out = [border(top)]
    for line in lines:
        if isinstance(line, str):
            label = f" {line} " if line else ""
            out.append(border("├─" + label + "─" * max(0, width + 1 - text_width(label)) + "┤"))
            continue
        used = sum(cell.width for cell in line)
        content = "".join(cell.text for cell in line)
        out.append(border("│") + " " + content + " " * max(0, width - used) + " " + border("│"))
    out.append(border("╰" + "─" * (width + 2) + "╯"))
    return "\n".join(out)
