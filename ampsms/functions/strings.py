"""String functions: Concat, Substring, Length, IndexOf, case mapping, Replace, Trim, Char and RegExMatch.

Positions are 1-based and count UTF-16 code units. Matching in IndexOf and
Replace ignores case, one character for one character.
"""

from __future__ import annotations

import re

from ..netregex import RegexInvalid, RegexNotSupported, compile_net_regex, parse_options
from ..utf16 import unit_index, utf16_length, utf16_slice
from ..values import fold_case, lower_text, to_text, upper_text
from .registry import FunctionError, builtin, check_text_length, whole_number_arg


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
    texts = [to_text(value) for value in values]
    check_text_length(sum(map(len, texts)))
    return "".join(texts)


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


# The first character of the text, or one right after whitespace.
_WORD_START = re.compile(r"(?:^|(?<=\s))\S")


def _upper_match(match: re.Match) -> str:
    return upper_text(match.group())


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
    lowered = lower_text(to_text(text))
    return _WORD_START.sub(_upper_match, lowered)



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
    check_text_length(len(source) + len(matches) * (len(replacement) - len(needle)))
    pieces = []
    last = 0
    for index in matches:
        pieces.append(source[last:index])
        pieces.append(replacement)
        last = index + len(needle)
    pieces.append(source[last:])
    return "".join(pieces)



@builtin(
    "ReplaceList",
    3,
    None,
    signature="ReplaceList(text, replacement, search1 [, search2, ...])",
    example='ReplaceList("1-2/3", "+", "-", "/") -> 1+2+3',
    category="String",
    text_args=True,
)
def replace_list(state, text, replacement, *searches):
    """Replace every search value with the same replacement, ignoring case, one search after another.

    Each search runs on the result of the one before, so a later search can
    match text an earlier replacement inserted: ``ReplaceList("cat", "dog",
    "cat", "d")`` is ``dogog``. An empty search value is skipped.
    """
    result = to_text(text)
    new = to_text(replacement)
    for search in searches:
        needle = to_text(search)
        if needle and result:
            result = replace_ignoring_case(result, needle, new)
    return result


# The characters .NET's String.Trim removes: TAB to CR, NEL, and the Unicode
# separators (Zs, Zl, Zp) including the no-break space. Python's str.strip
# would also remove U+001C to U+001F, which .NET keeps.
_TRIMMED = "\t\n\v\f\r \x85\xa0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000"


@builtin(
    "Trim",
    1,
    1,
    signature="Trim(text)",
    example='Trim("  hi  there ") -> hi  there',
    category="String",
    text_args=True,
)
def trim(state, text):
    """Remove whitespace from both ends of the text; whitespace inside is kept.

    Whitespace is what .NET counts as white space: space, tab, CR, LF, the
    no-break space U+00A0 and the other Unicode space separators.
    """
    return to_text(text).strip(_TRIMMED)


# .NET strings hold at most 2^30 characters; ampsms stops far earlier so a
# fuzzed template cannot exhaust memory, at a size no SMS comes near.
MAX_CHAR_REPEAT = 1_000_000
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1


@builtin(
    "Char",
    1,
    2,
    signature="Char(code [, repeat])",
    example="Char(45, 3) -> ---",
    category="String",
)
def char(state, code, repeat=None):
    """Return the character with a UTF-16 code, optionally repeated.

    The code is a whole number within 32 bits: codes of 65536 and more wrap
    around modulo 65536, and -1 is U+FFFF. A repeat of 0 gives "". A decimal
    code, a boolean, a non-numeric text, a negative or decimal repeat are
    errors.
    """
    value = whole_number_arg(code, 1)
    if not _INT32_MIN <= value <= _INT32_MAX:
        raise FunctionError(f"the character code {value} is outside the 32-bit integer range")
    letter = chr(value % 0x10000)
    if repeat is None:
        return letter
    count = whole_number_arg(repeat, 2)
    if count < 0:
        raise FunctionError(f"the repeat count must not be negative, got {count}")
    if count > MAX_CHAR_REPEAT:
        raise FunctionError(f"the repeat count {count} is over the limit of {MAX_CHAR_REPEAT} characters")
    return letter * count


@builtin(
    "RegExMatch",
    3,
    None,
    signature="RegExMatch(text, pattern, group [, option1, ...])",
    example='RegExMatch("Order #A-1042", "[0-9]+", 0) -> 1042',
    category="String",
    text_args=True,
)
def regex_match(state, text, pattern, group, *options):
    """Return a capture group of the first match of a .NET regular expression; "" when there is none.

    ``group`` is a group number (0 is the whole match) or a group name.
    Matching is case-sensitive unless the IgnoreCase option is given. Options are
    RegexOptions names in any case: IgnoreCase, Multiline, Singleline,
    IgnorePatternWhitespace, ExplicitCapture, ECMAScript, CultureInvariant,
    Compiled and None. A malformed pattern or an unknown option is an error,
    and so are the .NET features Python cannot run: RightToLeft, balancing
    groups, character class subtraction, Unicode block names, expression
    conditions and variable-width look-behinds.
    """
    source = to_text(text)
    try:
        compiled = compile_net_regex(to_text(pattern), parse_options([to_text(option) for option in options]))
    except RegexNotSupported as error:
        raise FunctionError(str(error), hint="rewrite the pattern without that feature") from None
    except RegexInvalid as error:
        raise FunctionError(str(error)) from None

    key = to_text(group).strip()
    index = compiled.group_index(int(key) if _GROUP_NUMBER.fullmatch(key) else key)
    if index is None:
        return ""
    # NOTE: Python's re has no match timeout, so a pattern that backtracks
    # exponentially, such as (a+)+$, can stall a render on a long text.
    match = compiled.pattern.search(source)
    if match is None:
        return ""
    return match.group(index) or ""


_GROUP_NUMBER = re.compile(r"[-+]?\d+")
