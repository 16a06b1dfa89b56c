"""SMS encoding of a message text: GSM-7 or UCS-2, length, segments and their split.

A message is sent in the GSM 03.38 7-bit alphabet when every character is in
its basic or extension table, and in UCS-2 otherwise: one character outside
both tables switches the whole message. In GSM-7 a basic character costs one
septet and an extension character (``^ { } \\ [ ~ ] | €`` and form feed) costs
two, because it travels as ESC plus a second septet. In UCS-2 every character
costs one UTF-16 code unit, extension characters included. Characters above
U+FFFF (most emoji) are the exception: each costs two units, a surrogate pair.

One message carries 160 septets or 70 UCS-2 units. A longer message is
concatenated: each part loses 6 octets to the user-data header and carries
153 septets or 67 units. An escape pair or a surrogate pair is never split
across two parts, so a part can end one unit short (153 ``]`` need 3 parts).

The counters on PyPI, smsutil 1.1.3 (2020) and sms-counter 0.0.1, report no
character positions or replacements, and smsutil accepts a bare ESC as a
character, so this module implements the tables itself.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, repeat

__all__ = [
    "GSM_BASIC",
    "GSM_EXTENSION",
    "LETTER_SUGGESTIONS",
    "SmsChar",
    "SmsInfo",
    "TYPOGRAPHIC_REPLACEMENTS",
    "analyze",
    "is_gsm",
    "replace_typographic",
    "suggest_replacement",
]

GSM7 = "GSM-7"
UCS2 = "UCS-2"

GSM7_SINGLE = 160
GSM7_PER_PART = 153
UCS2_SINGLE = 70
UCS2_PER_PART = 67

# The GSM 03.38 basic table (3GPP TS 23.038) in code order, without the ESC
# at 0x1B. Position 0x09 is capital Ç (U+00C7), as the standard, ICU and
# phones have it; Unicode's GSM0338.TXT maps small ç there instead, so small
# ç (U+00E7) is not GSM and forces UCS-2.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)

# The extension table: ESC (0x1B) followed by a second septet.
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")

# Septets per GSM character; a character missing here is not GSM.
_SEPTETS = {char: 1 for char in GSM_BASIC} | {char: 2 for char in GSM_EXTENSION}

# Printable ASCII and control characters outside both tables: the backtick,
# TAB and the C0 controls other than LF, CR and form feed, and DEL.
_ASCII_NON_GSM = re.compile("[\x00-\x09\x0b\x0e-\x1f\x60\x7f]")
_EXTENSION_RE = re.compile("[\f^{}\\\\\\[~\\]|€]")
_LINE_BREAK_RE = re.compile("\r\n|\r|\n")
_NON_GSM_RE = re.compile("[^" + "".join(re.escape(char) for char in sorted(_SEPTETS)) + "]")
_ASTRAL_RE = re.compile("[\U00010000-\U0010FFFF]")

# Typographic characters that word processors and web forms put in text, with
# the GSM text that shows the same thing. Applying these changes no letters,
# so replace_typographic() applies them all. The mapping follows Twilio's
# Smart Encoding table, except that U+2039 becomes "<" and U+203A ">" (that
# table swaps them) and the line and paragraph separators become LF so that
# the line break the writer meant stays.
TYPOGRAPHIC_REPLACEMENTS: dict[str, str] = {
    # quotes, apostrophes, primes and accents used as quotes
    "\u2018": "'", "\u2019": "'", "\u201a": ",", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "<", "\u203a": ">",
    "\u2032": "'", "\u2033": '"', "\u02bc": "'", "\u02b9": "'",
    "\u00b4": "'", "`": "'", "\u02c6": "^", "\u02dc": "~",
    # dashes, hyphens and bullets
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u2022": "-", "\u2023": "-", "\u2043": "-",
    # punctuation made of several characters
    "\u2026": "...", "\u203c": "!!", "\u2047": "??", "\u2048": "?!", "\u2049": "!?",
    # fractions and division
    "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4", "\u2153": "1/3", "\u2154": "2/3",
    "\u00f7": "/", "\u2044": "/", "\u2215": "/",
    # spaces: TAB, no-break, narrow no-break, en to hair spaces, ideographic
    "\t": " ", "\u00a0": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ",
    **{chr(code): " " for code in range(0x2000, 0x200B)},
    # invisible characters: zero-width space, word joiner, byte-order mark, soft hyphen
    "\u200b": "", "\u2060": "", "\ufeff": "", "\u00ad": "",
    # line and paragraph separators
    "\u2028": "\n", "\u2029": "\n",
}
# Full-width ASCII forms U+FF01..U+FF5E map to ASCII, except the full-width
# grave accent, whose ASCII form (the backtick) is not GSM either.
for _code in range(0xFF01, 0xFF5F):
    TYPOGRAPHIC_REPLACEMENTS.setdefault(chr(_code), chr(_code - 0xFEE0))
TYPOGRAPHIC_REPLACEMENTS["\uff40"] = "'"
del _code

_TYPOGRAPHIC_TABLE = str.maketrans(TYPOGRAPHIC_REPLACEMENTS)

# Letters that are suggested, never applied automatically, because changing
# a letter changes a name or a word. Small ç could also become capital Ç,
# which is GSM, but "Francois" reads better than "FranÇois".
LETTER_SUGGESTIONS: dict[str, str] = {
    "\u00e7": "c",
    "\u0131": "i",  # dotless i
    "\u0141": "L", "\u0142": "l",
    "\u0110": "D", "\u0111": "d",
    "\u0152": "OE", "\u0153": "oe",
    "\u00de": "Th", "\u00fe": "th",
    "\u00f0": "d",
}


@dataclass(frozen=True, slots=True)
class SmsChar:
    """One character of a message with its position and, where one exists, a GSM replacement.

    ``index`` is the 0-based position in the Python string. ``line`` and
    ``column`` are 1-based and count characters; LF, CR LF and a lone CR each
    end a line. ``replacement`` is None when no GSM text is suggested, and
    ``typographic`` is True when replace_typographic() applies it.
    """

    index: int
    line: int
    column: int
    char: str
    code_point: str
    replacement: str | None = None
    typographic: bool = False


class SmsInfo:
    """The encoding, length and segments of a message text as a phone receives it.

    ``length`` is in septets for GSM-7 and in UTF-16 code units for UCS-2.
    ``per_segment`` is the limit of one segment for this message: 160 or 70
    when it fits in one message, 153 or 67 per part when it is concatenated.
    An empty text has 0 segments and no parts, because there is nothing to send.

    ``parts``, ``non_gsm`` and ``extension_chars`` are worked out on first
    read, so a caller that needs only the numbers pays for no per-character
    records.
    """

    __slots__ = ("text", "encoding", "length", "segments", "per_segment", "_parts", "_non_gsm", "_extension_chars")

    def __init__(self, text: str, encoding: str, length: int, segments: int, per_segment: int, parts: list[str] | None = None) -> None:
        self.text = text
        self.encoding = encoding
        self.length = length
        self.segments = segments
        self.per_segment = per_segment
        self._parts = parts
        self._non_gsm: list[SmsChar] | None = None
        self._extension_chars: list[SmsChar] | None = None

    def __repr__(self) -> str:
        return (
            f"SmsInfo(encoding={self.encoding!r}, length={self.length}, "
            f"segments={self.segments}, per_segment={self.per_segment})"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SmsInfo):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)

    @property
    def parts(self) -> list[str]:
        """The text of each segment, in order; joined they give the text back."""
        if self._parts is None:
            self._parts = _split(self.text, self.encoding, self.length)
        return self._parts

    @property
    def non_gsm(self) -> list[SmsChar]:
        """Every character outside both GSM tables, in text order, with a suggested replacement."""
        if self._non_gsm is None:
            if self.encoding == GSM7:
                self._non_gsm = []
            else:
                locate = _Locator(self.text)
                self._non_gsm = [locate.char(m.start(), with_replacement=True) for m in _NON_GSM_RE.finditer(self.text)]
        return self._non_gsm

    @property
    def extension_chars(self) -> list[SmsChar]:
        """Every extension-table character, in text order; each costs two septets in GSM-7 and one unit in UCS-2."""
        if self._extension_chars is None:
            if _EXTENSION_RE.search(self.text) is None:
                self._extension_chars = []
            else:
                locate = _Locator(self.text)
                self._extension_chars = [locate.char(m.start()) for m in _EXTENSION_RE.finditer(self.text)]
        return self._extension_chars

    @property
    def single_limit(self) -> int:
        """The length one unconcatenated message can carry in this encoding: 160 or 70."""
        return GSM7_SINGLE if self.encoding == GSM7 else UCS2_SINGLE

    @property
    def is_gsm(self) -> bool:
        """True when the message is sent in GSM-7."""
        return self.encoding == GSM7


def is_gsm(text: str) -> bool:
    """Tell whether every character of text is in the GSM 03.38 basic or extension table."""
    if text.isascii():
        return _ASCII_NON_GSM.search(text) is None
    return _NON_GSM_RE.search(text) is None


def suggest_replacement(char: str) -> str | None:
    """Return GSM text that can stand for a non-GSM character, or None when there is none.

    Typographic characters map through TYPOGRAPHIC_REPLACEMENTS and a few
    letters through LETTER_SUGGESTIONS (ł to l). Other accented letters map to
    their base letter when that is GSM (ë to e). Compatibility forms such as
    ligatures and superscripts decompose (ﬁ to fi, ² to 2).
    """
    replacement = TYPOGRAPHIC_REPLACEMENTS.get(char)
    if replacement is not None:
        return replacement
    replacement = LETTER_SUGGESTIONS.get(char)
    if replacement is not None:
        return replacement
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped and stripped != char and all(c in GSM_BASIC for c in stripped):
        return stripped
    return None


def replace_typographic(text: str) -> str:
    """Replace the typographic characters of TYPOGRAPHIC_REPLACEMENTS with their GSM text.

    Letters are left alone, even when they are not GSM: a changed letter
    changes a name, so analyze() only suggests those replacements.
    """
    if text.isascii() and "\t" not in text and "`" not in text:
        return text
    return text.translate(_TYPOGRAPHIC_TABLE)


def analyze(text: str) -> SmsInfo:
    """Work out the encoding, length and segments of a message text.

    Every step is a regular-expression scan or a string method, so a reply
    of a few hundred characters takes microseconds (bench/bench_sms.py).
    """
    if text.isascii():
        gsm = _ASCII_NON_GSM.search(text) is None
        astral = 0
    else:
        gsm = _NON_GSM_RE.search(text) is None
        astral = len(_ASTRAL_RE.findall(text))

    if gsm:
        double = len(_EXTENSION_RE.findall(text))
        encoding, single, per_part = GSM7, GSM7_SINGLE, GSM7_PER_PART
    else:
        double = astral
        encoding, single, per_part = UCS2, UCS2_SINGLE, UCS2_PER_PART
    length = len(text) + double

    if not text:
        return SmsInfo(text, encoding, 0, 0, single, [])
    if length <= single:
        return SmsInfo(text, encoding, length, 1, single, [text])
    if not double:
        return SmsInfo(text, encoding, length, -(-length // per_part), per_part)
    # A two-unit character may not fit at the end of a part, so only the
    # split itself gives the number of parts.
    parts = _split(text, encoding, length)
    return SmsInfo(text, encoding, length, len(parts), per_part, parts)


def _split(text: str, encoding: str, length: int) -> list[str]:
    """Cut text into segments, never cutting an escape pair or a surrogate pair.

    A Python character is one code point, so cutting only between characters
    keeps an extension character (one escape pair in GSM-7) and an emoji (one
    surrogate pair in UCS-2) whole. Each part takes as many characters as fit.
    """
    if not text:
        return []
    single, per_part = (GSM7_SINGLE, GSM7_PER_PART) if encoding == GSM7 else (UCS2_SINGLE, UCS2_PER_PART)
    if length <= single:
        return [text]
    if length == len(text):
        return [text[start : start + per_part] for start in range(0, len(text), per_part)]

    if encoding == GSM7:
        costs = map(_SEPTETS.__getitem__, text)
    else:
        astral_costs = dict.fromkeys(_ASTRAL_RE.findall(text), 2)
        costs = map(astral_costs.get, text, repeat(1))
    # ends[i] is the cost of text[:i + 1]; a part starting after cost
    # ``used`` ends before the first character whose end passes used + per_part.
    ends = list(accumulate(costs))
    parts = []
    start = 0
    used = 0
    while start < len(text):
        stop = bisect_right(ends, used + per_part, lo=start)
        parts.append(text[start:stop])
        used = ends[stop - 1]
        start = stop
    return parts


class _Locator:
    """Converter from string indexes to SmsChar records with 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [match.end() for match in _LINE_BREAK_RE.finditer(text)]

    def char(self, index: int, *, with_replacement: bool = False) -> SmsChar:
        line = bisect_right(self.line_starts, index)
        column = index - self.line_starts[line - 1] + 1
        char = self.text[index]
        replacement = None
        typographic = False
        if with_replacement:
            replacement = suggest_replacement(char)
            typographic = char in TYPOGRAPHIC_REPLACEMENTS
        return SmsChar(index, line, column, char, f"U+{ord(char):04X}", replacement, typographic)

