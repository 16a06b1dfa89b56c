"""Translate .NET regular expressions and RegexOptions into Python ``re`` patterns.

RegExMatch takes a .NET pattern. Most of the syntax means the same in
Python; this module rewrites the rest:

* ``(?<name>...)`` and ``(?'name'...)`` become ``(?P<name>...)``, and
  ``\\k<name>`` becomes a reference to that group;
* group numbers follow .NET, which numbers unnamed groups first and named
  groups after them, so ``(?<y>a)(b)`` has ``(b)`` as group 1;
* ``\\p{Lu}`` and other Unicode general categories become character sets;
* ``\\Z``, ``\\z``, ``\\G``, ``\\e``, ``\\cX`` and ``{`` that is not a quantifier
  are rewritten to their Python spelling;
* inline options ``(?imnsx-imnsx)`` apply to the rest of their group, and the
  ``n`` (ExplicitCapture) and ``x`` (IgnorePatternWhitespace) options are
  applied while translating.

What Python cannot express raises RegexNotSupported with the reason:
RightToLeft, balancing groups, character class subtraction, Unicode block
names, conditions that are expressions, and look-behinds of variable width.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["NetRegex", "RegexInvalid", "RegexNotSupported", "compile_net_regex", "parse_options"]

# RegexOptions members of .NET Framework and their values.
OPTION_VALUES = {
    "none": 0,
    "ignorecase": 1,
    "multiline": 2,
    "explicitcapture": 4,
    "compiled": 8,
    "singleline": 16,
    "ignorepatternwhitespace": 32,
    "righttoleft": 64,
    "ecmascript": 256,
    "cultureinvariant": 512,
}
_IGNORE_CASE, _MULTILINE, _EXPLICIT_CAPTURE, _COMPILED = 1, 2, 4, 8
_SINGLELINE, _IGNORE_WHITESPACE, _RIGHT_TO_LEFT, _ECMASCRIPT, _CULTURE_INVARIANT = 16, 32, 64, 256, 512
_ALL_OPTIONS = sum(OPTION_VALUES.values())


class RegexInvalid(ValueError):
    """The pattern or an option is not valid .NET regular expression syntax."""


class RegexNotSupported(ValueError):
    """The pattern is valid in .NET but uses a feature Python's ``re`` cannot express."""


def parse_options(values: list[str]) -> int:
    """Combine RegexOptions given as names (any case, comma-separated allowed) or numbers.

    This follows .NET's ``Enum.Parse``, so ``"IgnoreCase, Multiline"`` and
    ``"3"`` both mean IgnoreCase and Multiline.
    """
    options = 0
    for value in values:
        for part in value.split(","):
            name = part.strip()
            if re.fullmatch(r"[-+]?\d+", name):
                number = int(name)
                if number < 0 or number & ~_ALL_OPTIONS:
                    raise RegexInvalid(f"{name} is not a valid combination of RegexOptions values")
                options |= number
                continue
            if name.lower() not in OPTION_VALUES:
                known = ", ".join(n for n in _OPTION_NAMES)
                raise RegexInvalid(f"unknown regular expression option {name!r}; the options are {known}")
            options |= OPTION_VALUES[name.lower()]
    return options


_OPTION_NAMES = (
    "None", "IgnoreCase", "Multiline", "ExplicitCapture", "Compiled", "Singleline",
    "IgnorePatternWhitespace", "RightToLeft", "ECMAScript", "CultureInvariant",
)  # fmt: skip


@dataclass
class NetRegex:
    """A translated pattern with .NET's group numbers and names mapped to Python group indexes."""

    pattern: re.Pattern
    numbers: dict[int, int]
    names: dict[str, int]

    def group_index(self, key: int | str) -> int | None:
        """Return the Python group index for a .NET group number or name, or None if there is none."""
        if isinstance(key, int):
            return self.numbers.get(key)
        return self.names.get(key)


# ------------------------------------------------------------ Unicode classes

_CATEGORIES = {
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
    "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
    "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn",
}  # fmt: skip


def _escape_code(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _ranges_text(ranges: list[tuple[int, int]]) -> str:
    parts = []
    for start, end in ranges:
        parts.append(_escape_code(start) if start == end else f"{_escape_code(start)}-{_escape_code(end)}")
    return "".join(parts)


@lru_cache(maxsize=None)
def _category_ranges(name: str) -> tuple[tuple[int, int], ...]:
    # .NET matches UTF-16 code units, so a character outside the Basic
    # Multilingual Plane is two surrogates (category Cs), never a letter.
    ranges: list[tuple[int, int]] = []
    start = None
    for code in range(0x10000):
        category = unicodedata.category(chr(code))
        inside = category == name if len(name) == 2 else category[0] == name
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    return tuple(ranges)


def _category_set(name: str, negated: bool) -> str:
    """Return the contents of a character set (without brackets) for ``\\p{name}`` or ``\\P{name}``."""
    if name not in _CATEGORIES:
        if name.startswith("Is"):
            raise RegexNotSupported(f"the Unicode block \\p{{{name}}} is not supported; use a range such as [\\u0370-\\u03ff]")
        raise RegexInvalid(f"unknown Unicode category \\p{{{name}}}")
    ranges = list(_category_ranges(name))
    if negated:
        complement = []
        previous = 0
        for start, end in ranges:
            if start > previous:
                complement.append((previous, start - 1))
            previous = end + 1
        if previous <= 0x10FFFF:
            complement.append((previous, 0x10FFFF))
        ranges = complement
    return _ranges_text(ranges)


# ---------------------------------------------------------------- translation

_QUANTIFIER_BRACES = re.compile(r"\{\d+(?:,\d*)?\}")
_INLINE_OPTIONS = re.compile(r"\(\?([imnsx]*)(?:-([imnsx]*))?([:)])")
_GROUP_NAME = re.compile(r"\w+")


@dataclass
class _Frame:
    """One open group: the options in force and the Python flag groups opened inside it."""

    explicit_capture: bool
    ignore_whitespace: bool
    open_flag_groups: list[str] = field(default_factory=list)


class _Reference:
    """A back reference or condition whose group number is known only after the whole pattern is read."""

    def __init__(self, key: int | str, conditional: bool) -> None:
        self.key = key
        self.conditional = conditional


class _Translator:
    def __init__(self, pattern: str, options: int) -> None:
        self.source = pattern
        self.i = 0
        self.out: list[str | _Reference] = []
        self.frames = [_Frame(bool(options & _EXPLICIT_CAPTURE), bool(options & _IGNORE_WHITESPACE))]
        # Capturing groups in Python order: None for unnamed, else the .NET name.
        self.captures: list[str | None] = []

    # -- helpers -------------------------------------------------------------
    def peek(self, offset: int = 0) -> str:
        index = self.i + offset
        return self.source[index] if index < len(self.source) else ""

    def fail(self, message: str) -> RegexInvalid:
        return RegexInvalid(f"{message} at position {self.i + 1} of the pattern")

    @property
    def frame(self) -> _Frame:
        return self.frames[-1]

    # -- driver --------------------------------------------------------------
    def translate(self) -> str:
        while self.i < len(self.source):
            char = self.source[self.i]
            if self.frame.ignore_whitespace and char in " \t\n\r\f\v":
                self.i += 1
            elif self.frame.ignore_whitespace and char == "#":
                end = self.source.find("\n", self.i)
                self.i = len(self.source) if end < 0 else end + 1
            elif char == "\\":
                self.escape()
            elif char == "[":
                self.character_class()
            elif char == "(":
                self.open_group()
            elif char == ")":
                self.close_group()
            elif char == "|":
                self.alternation()
            elif char == "{":
                match = _QUANTIFIER_BRACES.match(self.source, self.i)
                if match:
                    self.out.append(match.group())
                    self.i = match.end()
                    self.check_nested_quantifier()
                else:
                    self.out.append("\\{")
                    self.i += 1
            elif char in "*+?":
                self.out.append(char)
                self.i += 1
                self.check_nested_quantifier()
            else:
                self.out.append(char)
                self.i += 1
        if len(self.frames) > 1:
            raise RegexInvalid("the pattern has more ( than )")
        self.out.extend(")" for _ in self.frame.open_flag_groups)
        return self.resolve()

    def check_nested_quantifier(self) -> None:
        if self.peek() == "?":
            self.out.append("?")
            self.i += 1
        if self.peek() in ("*", "+", "?") or _QUANTIFIER_BRACES.match(self.source, self.i):
            raise self.fail("nested quantifier")

    # -- escapes -------------------------------------------------------------
    def escape(self) -> None:
        nxt = self.peek(1)
        if nxt == "":
            raise self.fail("the pattern ends with a lone backslash")
        if nxt in "pP":
            name = self.braced_name()
            self.out.append(f"[{_category_set(name, nxt == 'P')}]")
            return
        if nxt == "k":
            self.i += 2
            closer = {"<": ">", "'": "'"}.get(self.peek())
            if closer is None:
                raise self.fail("\\k must be followed by <name>")
            end = self.source.find(closer, self.i + 1)
            if end < 0:
                raise self.fail("\\k<name> is not closed")
            name = self.source[self.i + 1 : end]
            self.i = end + 1
            self.out.append(_Reference(int(name) if name.isdigit() else name, conditional=False))
            return
        if nxt.isdigit() and nxt != "0":
            end = self.i + 1
            while end < len(self.source) and self.source[end].isdigit():
                end += 1
            self.out.append(_Reference(int(self.source[self.i + 1 : end]), conditional=False))
            self.i = end
            return
        self.out.append(self.simple_escape(in_class=False))

    def braced_name(self) -> str:
        if self.peek(2) != "{":
            raise self.fail(f"\\{self.peek(1)} must be followed by {{category}}")
        end = self.source.find("}", self.i)
        if end < 0:
            raise self.fail(f"\\{self.peek(1)}{{ is not closed")
        name = self.source[self.i + 3 : end]
        self.i = end + 1
        return name

    def simple_escape(self, in_class: bool) -> str:
        """Translate a one-character escape such as ``\\e`` or ``\\cM``; most pass through."""
        nxt = self.peek(1)
        self.i += 2
        if nxt == "e":
            return "\\x1b"
        if nxt == "c":
            letter = self.peek()
            if not letter.isascii() or not letter.isalpha():
                raise self.fail("\\c must be followed by a letter")
            self.i += 1
            return f"\\x{ord(letter.upper()) - 64:02x}"
        if not in_class:
            if nxt == "Z":
                return "(?=\\n?\\Z)"
            if nxt == "z":
                return "\\Z"
            if nxt == "G":
                # RegExMatch looks for the first match from the start of the
                # text, where .NET's \G (end of the previous match) is \A.
                return "\\A"
        return "\\" + nxt

    # -- character classes ----------------------------------------------------
    def character_class(self) -> None:
        parts = ["["]
        self.i += 1
        if self.peek() == "^":
            parts.append("^")
            self.i += 1
        content_start = len(parts)
        first = True
        while True:
            char = self.peek()
            if char == "":
                raise RegexInvalid("a character set [ is not closed")
            if char == "]" and not first:
                self.i += 1
                break
            first = False
            if char == "\\":
                nxt = self.peek(1)
                if nxt in ("p", "P"):
                    name = self.braced_name()
                    parts.append(_category_set(name, nxt == "P"))
                else:
                    parts.append(self.simple_escape(in_class=True))
                continue
            if char == "-" and self.peek(1) == "[":
                raise RegexNotSupported(
                    "character class subtraction such as [a-z-[aeiou]] is not supported; list the characters you want instead"
                )
            if char in "[&~|" or (char == "-" and parts[-1] == "-" and len(parts) - 1 > content_start):
                # Escaped so Python does not read them as set operators.
                parts.append("\\" + char)
            else:
                parts.append(char)
            self.i += 1
        parts.append("]")
        self.out.append("".join(parts))

    # -- groups -----------------------------------------------------------------
    def push(self, opening: str, **changes) -> None:
        frame = self.frame
        self.out.append(opening)
        self.frames.append(
            _Frame(
                changes.get("explicit_capture", frame.explicit_capture),
                changes.get("ignore_whitespace", frame.ignore_whitespace),
            )
        )

    def open_group(self) -> None:
        if self.peek(1) != "?":
            self.i += 1
            if self.frame.explicit_capture:
                self.push("(?:")
            else:
                self.captures.append(None)
                self.push("(")
            return

        rest = self.source[self.i + 2 : self.i + 4]
        if rest.startswith(("=", "!", ">", ":")):
            self.push("(?" + rest[0])
            self.i += 3
            return
        if rest in ("<=", "<!"):
            self.push("(?" + rest)
            self.i += 4
            return
        if rest.startswith("#"):
            end = self.source.find(")", self.i)
            if end < 0:
                raise self.fail("a (?# comment is not closed")
            self.i = end + 1
            return
        if rest.startswith(("<", "'")):
            self.named_group(rest[0])
            return
        if rest.startswith("("):
            self.condition()
            return
        if rest.startswith("P"):
            raise self.fail("(?P is not .NET syntax; write a named group as (?<name>...)")
        match = _INLINE_OPTIONS.match(self.source, self.i)
        if match is None:
            raise self.fail("unrecognized grouping construct")
        self.inline_options(match)

    def named_group(self, opener: str) -> None:
        closer = ">" if opener == "<" else "'"
        end = self.source.find(closer, self.i + 3)
        if end < 0:
            raise self.fail("a group name is not closed")
        name = self.source[self.i + 3 : end]
        if "-" in name:
            raise RegexNotSupported(
                f"the balancing group (?{opener}{name}{closer}...) is not supported: Python's re has no balancing groups"
            )
        if not _GROUP_NAME.fullmatch(name):
            raise self.fail(f"invalid group name {name!r}")
        self.i = end + 1
        if name.isdigit() and int(name) == 0:
            raise self.fail("group 0 is the whole match and cannot be named")
        if name in self.captures:
            raise RegexNotSupported(f"the group name {name!r} is used twice, which Python's re does not allow")
        self.captures.append(name)
        self.push(f"(?P<{self.python_name(name)}>")

    @staticmethod
    def python_name(name: str) -> str:
        # Python group names must not start with a digit; .NET allows (?<2>...).
        return f"g_{name}" if name[0].isdigit() else name

    def condition(self) -> None:
        start = self.i + 3
        end = self.source.find(")", start)
        if end < 0:
            raise self.fail("a (?( condition is not closed")
        name = self.source[start:end]
        if not _GROUP_NAME.fullmatch(name):
            raise RegexNotSupported(
                f"the condition (?({name})...) is an expression, which Python's re does not support; "
                "only a group name or number can be a condition"
            )
        self.out.append("(?(")
        self.out.append(_Reference(int(name) if name.isdigit() else name, conditional=True))
        self.out.append(")")
        self.frames.append(_Frame(self.frame.explicit_capture, self.frame.ignore_whitespace))
        self.i = end + 1

    def inline_options(self, match: re.Match) -> None:
        on, off, end = match.group(1), match.group(2) or "", match.group(3)
        frame = self.frame
        changes = {}
        if "n" in on or "n" in off:
            changes["explicit_capture"] = "n" in on
        if "x" in on or "x" in off:
            changes["ignore_whitespace"] = "x" in on
        python_on = "".join(flag for flag in on if flag in "ims")
        python_off = "".join(flag for flag in off if flag in "ims")
        flags = python_on + ("-" + python_off if python_off else "")
        opening = f"(?{flags}:" if flags else "(?:"
        self.i = match.end()
        if end == ":":
            self.push(opening, **changes)
            return
        # (?i) alone: the options hold to the end of the enclosing group.
        frame.explicit_capture = changes.get("explicit_capture", frame.explicit_capture)
        frame.ignore_whitespace = changes.get("ignore_whitespace", frame.ignore_whitespace)
        if flags:
            self.out.append(opening)
            frame.open_flag_groups.append(opening)

    def close_group(self) -> None:
        if len(self.frames) == 1:
            raise self.fail("too many )")
        frame = self.frames.pop()
        self.out.extend(")" for _ in frame.open_flag_groups)
        self.out.append(")")
        self.i += 1

    def alternation(self) -> None:
        groups = self.frame.open_flag_groups
        self.out.extend(")" for _ in groups)
        self.out.append("|")
        self.out.extend(groups)
        self.i += 1

    # -- group numbers ---------------------------------------------------------
    def numbering(self) -> tuple[dict[int, int], dict[str, int]]:
        """Return .NET group numbers and names mapped to Python group indexes."""
        numbers = {0: 0}
        names = {"0": 0}
        unnamed = [index for index, name in enumerate(self.captures, 1) if name is None]
        for number, index in enumerate(unnamed, 1):
            numbers[number] = index
        next_number = len(unnamed) + 1
        for index, name in enumerate(self.captures, 1):
            if name is None:
                continue
            if name.isdigit():
                number = int(name)
                if number in numbers:
                    raise RegexNotSupported(
                        f"the group named {name} shares its number with an unnamed group, which Python's re cannot express"
                    )
            else:
                while next_number in numbers:
                    next_number += 1
                number = next_number
            numbers[number] = index
            names[name] = index
        for number, index in numbers.items():
            names.setdefault(str(number), index)
        return numbers, names

    def resolve(self) -> str:
        numbers, names = self.numbering()
        self.numbers, self.names = numbers, names
        pieces = []
        for piece in self.out:
            if isinstance(piece, str):
                pieces.append(piece)
                continue
            key = piece.key
            index = numbers.get(key) if isinstance(key, int) else names.get(key)
            if index is None or index == 0:
                raise RegexInvalid(f"reference to undefined group {key}")
            pieces.append(str(index) if piece.conditional else f"(?:\\{index})")
        return "".join(pieces)


@lru_cache(maxsize=256)
def compile_net_regex(pattern: str, options: int) -> NetRegex:
    """Translate and compile a .NET pattern; results are cached by pattern and options.

    Raises RegexInvalid for a pattern .NET rejects and RegexNotSupported for
    a pattern that only .NET can run.
    """
    if options & _RIGHT_TO_LEFT:
        raise RegexNotSupported("the RightToLeft option is not supported: Python's re only searches left to right")
    if options & _ECMASCRIPT and options & ~(_ECMASCRIPT | _IGNORE_CASE | _MULTILINE | _COMPILED):
        raise RegexInvalid("ECMAScript can only be combined with IgnoreCase, Multiline and Compiled")

    translator = _Translator(pattern, options)
    python_pattern = translator.translate()
    flags = 0
    if options & _IGNORE_CASE:
        flags |= re.IGNORECASE
    if options & _MULTILINE:
        flags |= re.MULTILINE
    if options & _SINGLELINE:
        flags |= re.DOTALL
    if options & _ECMASCRIPT:
        flags |= re.ASCII
    try:
        compiled = re.compile(python_pattern, flags)
    except re.error as error:
        if "look-behind requires fixed-width" in str(error):
            raise RegexNotSupported(
                "a look-behind that can match text of different lengths is not supported: Python's re needs a fixed width"
            ) from None
        raise RegexInvalid(f"invalid regular expression: {error.msg}") from None
    except RecursionError:
        raise RegexInvalid("the regular expression nests too deeply") from None
    return NetRegex(compiled, translator.numbers, translator.names)
