"""String functions: Concat, Substring, Length, IndexOf, case mapping and Replace.

Positions are 1-based and count UTF-16 code units. Matching in IndexOf and
Replace ignores case, one character for one character.
"""

from __future__ import annotations

from ..utf16 import unit_index, utf16_length, utf16_slice
from ..values import fold_case, lower_text, to_text, upper_text
from .registry import FunctionError, builtin, whole_number_arg


@builtin(
    "Concat",
    1,
    None,
    signature="Concat(value1 [, value2, ...])",
    example='Concat("Hi ", "Ana", "!") -> Hi Ana!',
    category="String",
    text_args=True,
)
def concat(state, *values):
    """Join the text of all arguments, with no separator.

    Null and empty arguments add nothing; numbers join as printed, so
    ``Concat(1.5, 5.3)`` is ``1.55.3``.
    """
    return "".join([to_text(value) for value in values])


@builtin(
    "Substring",
    2,
    3,
    signature="Substring(text, start [, length])",
    example='Substring("Marketing", 3, 4) -> rket',
    category="String",
    text_args=True,
)
def substring(state, text, start, length=None):
    """Return part of a text: ``length`` code units from the 1-based ``start``.

    Without ``length`` the rest of the text is returned. A start of 0 or less
    counts from 1, a start past the end gives "", and a length longer than
    what remains is cut short. A negative length, or a start or length that
    is not a whole number, is an error.
    """
    source = to_text(text)
    first = whole_number_arg(start, 2)
    if first < 1:
        first = 1
    size = utf16_length(source)
    if length is None:
        stop = size
    else:
        count = whole_number_arg(length, 3)
        if count < 0:
            raise FunctionError(f"the length must not be negative, got {count}")
        stop = min(size, first - 1 + count)
    if first > size:
        return ""
    return utf16_slice(source, first - 1, stop)


@builtin(
    "Length",
    1,
    1,
    signature="Length(text)",
    example='Length("SMS") -> 3',
    category="String",
    text_args=True,
)
def length(state, text):
    """Return the number of UTF-16 code units in the text; an emoji counts 2."""
    return utf16_length(to_text(text))


def _find_all(haystack: str, needle: str) -> list[int]:
    """Return the start indexes of non-overlapping, case-insensitive matches."""
    folded_haystack = fold_case(haystack)
    folded_needle = fold_case(needle)
    found = []
    index = folded_haystack.find(folded_needle)
    while index >= 0:
        found.append(index)
        index = folded_haystack.find(folded_needle, index + len(folded_needle))
    return found


@builtin(
    "IndexOf",
    2,
    3,
    signature="IndexOf(text, search [, occurrence])",
    example='IndexOf("Mobile Number", "num") -> 8',
    category="String",
    text_args=True,
)
def index_of(state, text, search, occurrence=None):
    """Return the 1-based position of ``search`` in ``text``, ignoring case; 0 when absent.

    An empty text or search gives 0. The optional occurrence picks the n-th
    non-overlapping match: 0 means the first, a negative number the last, and
    a number past the last match gives 0.
    """
    source = to_text(text)
    needle = to_text(search)
    wanted = 1 if occurrence is None else whole_number_arg(occurrence, 3)
    if not source or not needle:
        return 0
    if wanted in (0, 1):
        index = fold_case(source).find(fold_case(needle))
        return 0 if index < 0 else unit_index(source, index) + 1
    matches = _find_all(source, needle)
    if not matches:
        return 0
    if wanted < 0:
        index = matches[-1]
    elif wanted > len(matches):
        return 0
    else:
        index = matches[wanted - 1]
    return unit_index(source, index) + 1


@builtin(
    "Lowercase",
    1,
    1,
    signature="Lowercase(text)",
    example='Lowercase("HeLLo 123") -> hello 123',
    category="String",
    text_args=True,
)
def lowercase(state, text):
    """Return the text in lower case; every character maps to exactly one character."""
    return lower_text(to_text(text))


@builtin(
    "Uppercase",
    1,
    1,
    signature="Uppercase(text)",
    example='Uppercase("straße") -> STRAßE',
    category="String",
    text_args=True,
)
def uppercase(state, text):
    """Return the text in upper case; ``ß`` stays ``ß`` because it has no one-letter capital."""
    return upper_text(to_text(text))


@builtin(
    "ProperCase",
    1,
    1,
    signature="ProperCase(text)",
    example="ProperCase(\"jOHN o'neil-SMITH\") -> John O'neil-smith",
    category="String",
    text_args=True,
)
def proper_case(state, text):
    """Capitalize the first character of each word and lower-case every other letter.

    Only whitespace starts a word: letters after an apostrophe, a hyphen, a
    period or a digit stay lower case, and whitespace is kept as it is.
    """
    source = to_text(text)
    out = []
    at_word_start = True
    for char in source:
        if char.isspace():
            out.append(char)
            at_word_start = True
            continue
        out.append(upper_text(char) if at_word_start else lower_text(char))
        at_word_start = False
    return "".join(out)


@builtin(
    "Replace",
    2,
    3,
    signature="Replace(text, search [, replacement])",
    example='Replace("Reply STOP to stop", "stop", "END") -> Reply END to END',
    category="String",
    text_args=True,
)
def replace(state, text, search, replacement=None):
    """Replace every occurrence of ``search``, ignoring case, in one pass from left to right.

    Inserted text is never searched again. Without a replacement the matches
    are deleted; an empty search leaves the text unchanged.
    """
    source = to_text(text)
    needle = to_text(search)
    if not needle or not source:
        return source
    return replace_ignoring_case(source, needle, to_text(replacement))


def replace_ignoring_case(source: str, needle: str, replacement: str) -> str:
    """Replace non-overlapping case-insensitive matches of ``needle`` in ``source``."""
    matches = _find_all(source, needle)
    if not matches:
        return source
    pieces = []
    last = 0
    for index in matches:
        pieces.append(source[last:index])
        pieces.append(replacement)
        last = index + len(needle)
    pieces.append(source[last:])
    return "".join(pieces)

