"""Replace string values in TOML text in place, keeping everything else byte for byte.

``ampsms test --update`` rewrites the ``expect`` value of a case without
reformatting the file: comments, key order, blank lines and the other values
stay as the author wrote them. This module scans just enough TOML to find
where each key, table header and value starts and ends. It builds no values,
because tomllib does that, and callers parse the edited text again to check
it before writing it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass

__all__ = ["TomlScanError", "ValueSpan", "find_table_values", "toml_key", "toml_string"]


class TomlScanError(ValueError):
    """The text is not TOML that this scanner can follow."""


@dataclass(frozen=True)
class ValueSpan:
    """The position of one key's value in the text: ``text[start:end]`` is the value as written."""

    table: tuple[str, ...]
    array_index: int | None
    key: tuple[str, ...]
    start: int
    end: int


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR = re.compile(r"[^,\]\}#\r\n]+")
_WHITESPACE = " \t"


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str) -> TomlScanError:
        line = self.text.count("\n", 0, self.pos) + 1
        return TomlScanError(f"{message} at line {line}")

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def skip_blank(self) -> None:
        """Skip spaces, tabs, newlines and comments."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t\r\n":
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end + 1
            else:
                return

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    # -- keys ------------------------------------------------------------
    def key(self) -> tuple[str, ...]:
        parts = []
        while True:
            self.skip_spaces()
            parts.append(self.simple_key())
            self.skip_spaces()
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def simple_key(self) -> str:
        char = self.peek()
        if char == '"':
            start = self.pos
            self.skip_basic_string()
            return tomllib.loads("k = " + self.text[start : self.pos])["k"]
        if char == "'":
            end = self.text.find("'", self.pos + 1)
            if end < 0:
                raise self.error("unterminated quoted key")
            value = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return value
        match = _BARE_KEY.match(self.text, self.pos)
        if match is None:
            raise self.error("expected a key")
        self.pos = match.end()
        return match.group()

    # -- values ----------------------------------------------------------
    def skip_value(self) -> None:
        text = self.text
        if text.startswith('"""', self.pos):
            self.skip_multiline('"""', escapes=True)
        elif text.startswith("'''", self.pos):
            self.skip_multiline("'''", escapes=False)
        elif self.peek() == '"':
            self.skip_basic_string()
        elif self.peek() == "'":
            end = text.find("'", self.pos + 1)
            newline = text.find("\n", self.pos + 1)
            if end < 0 or (0 <= newline < end):
                raise self.error("unterminated literal string")
            self.pos = end + 1
        elif self.peek() == "[":
            self.skip_container("[", "]")
        elif self.peek() == "{":
            self.skip_container("{", "}")
        else:
            # Numbers, booleans and dates: up to a comma, bracket, comment or
            # line end. A date may hold one space ("1979-05-27 07:32:00").
            match = _SCALAR.match(text, self.pos)
            if match is None:
                raise self.error("expected a value")
            self.pos += len(match.group().rstrip(_WHITESPACE))

    def skip_basic_string(self) -> None:
        text = self.text
        index = self.pos + 1
        while index < len(text):
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == '"':
                self.pos = index + 1
                return
            if char == "\n":
                break
            index += 1
        raise self.error("unterminated string")

    def skip_multiline(self, delimiter: str, *, escapes: bool) -> None:
        text = self.text
        index = self.pos + 3
        while index < len(text):
            if escapes and text[index] == "\\":
                index += 2
                continue
            if text.startswith(delimiter, index):
                # Up to two quotes may sit right before the closing delimiter.
                end = index + 3
                while end < len(text) and text[end] == delimiter[0] and end - index < 5:
                    end += 1
                self.pos = end
                return
            index += 1
        raise self.error("unterminated multi-line string")

    def skip_container(self, opener: str, closer: str) -> None:
        self.pos += 1
        while True:
            self.skip_blank()
            if self.peek() == closer:
                self.pos += 1
                return
            if self.pos >= len(self.text):
                raise self.error(f"unterminated {opener}")
            if opener == "{":
                self.key()
                self.skip_spaces()
                if self.peek() != "=":
                    raise self.error("expected '=' in an inline table")
                self.pos += 1
                self.skip_spaces()
            self.skip_value()
            self.skip_blank()
            if self.peek() == ",":
                self.pos += 1


def find_table_values(text: str) -> list[ValueSpan]:
    """Return the span of every key/value pair written under a table header or at the top.

    ``table`` is the header's key path (empty at the top of the file) and
    ``array_index`` counts the ``[[table]]`` headers with that path, starting
    at 0, or is None for a ``[table]`` header. Values inside inline tables
    and arrays are skipped, not listed.
    """
    scanner = _Scanner(text)
    spans: list[ValueSpan] = []
    table: tuple[str, ...] = ()
    array_index: int | None = None
    array_counts: dict[tuple[str, ...], int] = {}
    while True:
        scanner.skip_blank()
        if scanner.pos >= len(text):
            return spans
        if scanner.peek(2) == "[[":
            scanner.pos += 2
            table = scanner.key()
            if scanner.peek(2) != "]]":
                raise scanner.error("expected ']]'")
            scanner.pos += 2
            array_index = array_counts.get(table, 0)
            array_counts[table] = array_index + 1
            continue
        if scanner.peek() == "[":
            scanner.pos += 1
            table = scanner.key()
            if scanner.peek() != "]":
                raise scanner.error("expected ']'")
            scanner.pos += 1
            array_index = None
            continue
        key = scanner.key()
        if scanner.peek() != "=":
            raise scanner.error("expected '=' after a key")
        scanner.pos += 1
        scanner.skip_spaces()
        start = scanner.pos
        scanner.skip_value()
        spans.append(ValueSpan(table, array_index, key, start, scanner.pos))


# ------------------------------------------------------------------ writing

_BASIC_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _needs_escape(char: str) -> bool:
    """Tell whether a character is invisible or not allowed raw in a TOML string."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Cs"):
        return True
    return category == "Zs" and char != " "


def _escape_char(char: str) -> str:
    if char in _BASIC_ESCAPES:
        return _BASIC_ESCAPES[char]
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _basic_line(text: str) -> str:
    return "".join(_escape_char(c) if c in _BASIC_ESCAPES or _needs_escape(c) else c for c in text)


def _multiline_basic(text: str) -> str:
    lines = text.split("\n")
    written = []
    for line in lines:
        body = line.rstrip(" \t")
        trailing = line[len(body) :]
        out = []
        for index, char in enumerate(body):
            if char == "\\":
                out.append("\\\\")
            elif char == '"' and (index + 1 == len(line) or line[index + 1] == '"'):
                # Escaping a quote that another quote or the delimiter follows
                # keeps three quotes from ever closing the string early.
                out.append('\\"')
            elif char == "\r":
                out.append("\\r")
            elif char == "\t":
                out.append("\\t")
            elif _needs_escape(char):
                out.append(_escape_char(char))
            else:
                out.append(char)
        # Trailing blanks are escaped so that editors which strip trailing
        # whitespace cannot change the expected text.
        out.extend("\\u0020" if c == " " else "\\t" for c in trailing)
        written.append("".join(out))
    return '"""\n' + "\n".join(written) + '"""'


def toml_string(text: str) -> str:
    """Write text as a TOML string that reads back as exactly the same text.

    One-line text becomes a basic string, or a literal string when that
    avoids escaping backslashes and quotes. Text with line breaks becomes a
    multi-line string that starts on the next line, so it reads as the
    message does. Invisible characters (carriage returns, tabs, no-break and
    zero-width spaces) are written as escapes. Raises ValueError for a lone
    UTF-16 surrogate, which TOML cannot hold.
    """
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise ValueError("the text contains a lone UTF-16 surrogate, which TOML strings cannot represent")
    if "\n" not in text:
        plain = not any(_needs_escape(c) or c == "\t" for c in text)
        if plain and "'" not in text and ("\\" in text or '"' in text):
            return "'" + text + "'"
        return '"' + _basic_line(text) + '"'
    visible = not any((_needs_escape(c) and c != "\n") or c == "\t" for c in text)
    if (
        visible
        and "'''" not in text
        and not text.endswith("'")
        and not any(line != line.rstrip(" ") for line in text.split("\n"))
    ):
        return "'''\n" + text + "'''"
    return _multiline_basic(text)


def toml_key(key: str) -> str:
    """Write a table key: bare when TOML allows it, else a one-line basic string."""
    if _BARE_KEY.fullmatch(key):
        return key
    if any(0xD800 <= ord(c) <= 0xDFFF for c in key):
        raise ValueError("the key contains a lone UTF-16 surrogate, which TOML strings cannot represent")
    return '"' + _basic_line(key) + '"'
