"""Template tests: load ``*.test.toml`` files, run their cases, report differences.

A test file sits next to the templates it checks and lists cases, each a
context to render with and what the reply must be. The format is documented
in docs/testing.md; ``ampsms test`` and the pytest plugin both run it through
this module. The outline::

    template = "stock-quote.amp"       # default template, relative to this file
    context = "stock-quote.json"       # default context: a file or a table

    [[case]]
    name = "reply for a known ticker"
    inbound = "STOCK crm"
    expect = "..."                     # or contains, not_contains, matches,
                                       # encoding, max_segments, error
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import tempfile
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import compile as compile_template
from .compiler import Template
from .context import CONTEXT_KEYS, load_context_file, make_context
from .errors import AmpscriptError, ContextError
from .tomledit import TomlScanError, find_table_values, toml_string

__all__ = [
    "CaseResult",
    "TEST_FILE_SUFFIX",
    "TestCase",
    "TestFile",
    "TestFileError",
    "UpdateError",
    "describe_char",
    "diff_texts",
    "find_test_files",
    "load_test_file",
    "run_case",
    "run_test_file",
    "update_expectations",
    "visible_text",
]

TEST_FILE_SUFFIX = ".test.toml"
ENCODINGS = ("GSM-7", "UCS-2")
EXPECTATION_KEYS = ("expect", "contains", "not_contains", "matches", "encoding", "max_segments", "error")
FILE_KEYS = ("template", "context", "case")
CASE_KEYS = ("name", "template", "context", *CONTEXT_KEYS, *EXPECTATION_KEYS)
# Folders never searched for test files: version control, caches and
# virtual environments hold no templates of the project.
SKIPPED_FOLDERS = {"__pycache__", "node_modules", "site-packages"}


class TestFileError(Exception):
    """A test file cannot be read or is not valid.

    The message starts with ``file:line:column`` when the problem has a
    position, then names the case, as in
    ``greet.test.toml:5:1: case 'a': unknown key 'expekt'``.
    """

    __test__ = False  # keep pytest from collecting this class

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        case: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        where = str(path) if line is None else f"{path}:{line}:{column or 1}"
        if case is not None:
            where += f": case {case!r}"
        super().__init__(f"{where}: {message}")
        self.path = Path(path)
        self.case = case
        self.message = message
        self.line = line
        self.column = column


class UpdateError(Exception):
    """``--update`` could not rewrite a test file; the file is left unchanged."""


# ------------------------------------------------------------------ the model


@dataclass
class TestCase:
    """One case: which template to render, with which context, and what to expect."""

    __test__ = False

    name: str
    index: int
    path: Path
    template_path: Path
    context: dict[str, Any]
    expect: str | None = None
    contains: list[str] = field(default_factory=list)
    not_contains: list[str] = field(default_factory=list)
    matches: re.Pattern | None = None
    encoding: str | None = None
    max_segments: int | None = None
    error: bool | str | None = None
    line: int | None = None

    @property
    def id(self) -> str:
        """``file::name``, the way test runners name a case."""
        return f"{self.path}::{self.name}"


@dataclass
class TestFile:
    """A loaded test file and its cases, in file order."""

    __test__ = False

    path: Path
    cases: list[TestCase]


@dataclass
class CaseResult:
    """The outcome of one case: passed, or the reasons it failed."""

    case: TestCase
    failures: list[str] = field(default_factory=list)
    text: str | None = None
    error: AmpscriptError | None = None
    diff: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def expect_differs(self) -> bool:
        """True when the exact expected text failed and the template rendered: ``--update`` can fix it."""
        return self.diff is not None and self.text is not None

    def report(self) -> str:
        """Describe the failure: each reason, then the diff or the rendered text."""
        lines = list(self.failures)
        if self.diff is not None:
            lines.append(self.diff)
        elif self.text is not None and self.failures:
            lines.append("rendered text (each line after |):")
            lines.extend("  |" + line for line in _visible_lines(self.text))
        return "\n".join(lines)


# -------------------------------------------------------------------- loading


_CASE_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(?:case|\"case\"|'case')[ \t]*\]\]", re.MULTILINE)
_TOML_ERROR_POSITION = re.compile(r" \(at line (\d+), column (\d+)\)$")


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of an offset in the text."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _case_offsets(text: str) -> list[int]:
    """Return the offset of each ``[[case]]`` header, at the ``[[``, in file order."""
    return [match.start() + match.group().index("[") for match in _CASE_HEADER.finditer(text)]


def _key_offset(text: str, key: str, start: int, end: int, table: str | None) -> int | None:
    """Find where a key is written between two offsets: ``key = ...``, a dotted ``key.x``, or a header.

    ``table`` names the array of tables the key belongs to (``case``), whose
    sub-tables are written ``[case.key]``. It is None for a top-level key,
    whose tables are written ``[key]``. The search reads lines, not TOML, so
    a multi-line string with a line that starts with the key matches first.
    """
    spellings = "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'"))
    header = r"\[[ \t]*" + (rf"{table}[ \t]*\.[ \t]*" if table else "")
    pattern = re.compile(rf"^[ \t]*(?:{header})?(?P<key>{spellings})[ \t]*[=.\]]", re.MULTILINE)
    match = pattern.search(text, start, end)
    return match.start("key") if match else None


def _suggest_key(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _read_context_source(value: Any, base: Path, fail) -> dict[str, Any]:
    """Turn a ``context`` value (a file path or a table) into context parts."""
    if isinstance(value, str):
        path = base / value
        try:
            return load_context_file(path)
        except ContextError as error:
            fail(str(error))
    if isinstance(value, dict):
        unknown = sorted(set(value) - set(CONTEXT_KEYS))
        if unknown:
            fail(f"context has unknown key {unknown[0]!r}{_suggest_key(unknown[0], CONTEXT_KEYS)}")
        return _resolve_parts(dict(value), base, fail)
    fail(f"context must be a context file path or a table of context parts, got {type(value).__name__}")
    raise AssertionError("unreachable")


def _resolve_parts(parts: dict[str, Any], base: Path, fail) -> dict[str, Any]:
    """Resolve relative data extension paths and TOML dates in context parts."""
    data_extensions = parts.get("data_extensions")
    if isinstance(data_extensions, str):
        parts["data_extensions"] = str((base / data_extensions).resolve())
    elif isinstance(data_extensions, dict):
        parts["data_extensions"] = {
            name: str((base / csv).resolve()) if isinstance(csv, str) else csv
            for name, csv in data_extensions.items()
        }
    now = parts.get("now")
    if isinstance(now, dt.time):
        fail("now must be a date and time, not only a time of day")
    if isinstance(now, dt.date) and not isinstance(now, dt.datetime):
        parts["now"] = dt.datetime(now.year, now.month, now.day)
    return parts


def _merge_context(default: dict[str, Any], case_parts: dict[str, Any]) -> dict[str, Any]:
    """Lay a case's parts over the default context; attributes and http merge key by key."""
    merged = dict(default)
    for key, value in case_parts.items():
        if key in ("attributes", "http") and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _text_list(value: Any, key: str, fail) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    fail(f"{key} must be a string or a list of strings")
    raise AssertionError("unreachable")


@dataclass
class _CaseSource:
    """The span of one case in the test file's text, used to place error messages."""

    text: str
    start: int | None = None
    end: int | None = None

    @property
    def line(self) -> int | None:
        return None if self.start is None else _position(self.text, self.start)[0]

    def locate(self, key: str | None = None) -> tuple[int | None, int | None]:
        """Return the line and column of a key of the case, else of the case's ``[[case]]`` header."""
        if self.start is None:
            return None, None
        offset = None if key is None else _key_offset(self.text, key, self.start, self.end, "case")
        return _position(self.text, self.start if offset is None else offset)


def _load_case(raw: Any, index: int, path: Path, defaults: dict[str, Any], source: _CaseSource) -> TestCase:
    base = path.parent
    label = f"#{index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip():
        label = raw["name"]

    def fail(message: str, key: str | None = None):
        line, column = source.locate(key)
        raise TestFileError(path, message, case=label, line=line, column=column)

    if not isinstance(raw, dict):
        fail("each case must be a table ([[case]])")
    unknown = sorted(set(raw) - set(CASE_KEYS))
    if unknown:
        fail(f"unknown key {unknown[0]!r}{_suggest_key(unknown[0], CASE_KEYS)}", unknown[0])
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        fail("every case needs a name: name = \"...\"", "name")

    template_key = "template" if "template" in raw else None
    template = raw.get("template", defaults.get("template"))
    if template is None:
        # Like lint's NAME.amp and NAME.json, NAME.test.toml pairs with NAME.amp.
        message = "no template: set template = \"FILE\" in the case or at the top of the file"
        if not path.name.endswith(TEST_FILE_SUFFIX):
            fail(message)
        paired = path.name.removesuffix(TEST_FILE_SUFFIX) + ".amp"
        if not (base / paired).is_file():
            fail(f"{message}, or add {paired} next to {path.name}")
        template = paired
    if not isinstance(template, str):
        fail("template must be a file path relative to the test file", template_key)
    template_path = base / template
    if not template_path.is_file():
        fail(f"template file not found: {template_path}", template_key)

    if "context" in raw:
        context = _read_context_source(raw["context"], base, lambda message: fail(message, "context"))
    else:
        context = dict(defaults.get("context") or {})
    case_parts = _resolve_parts({key: raw[key] for key in CONTEXT_KEYS if key in raw}, base, fail)
    context = _merge_context(context, case_parts)
    try:
        make_context(**context)
    except ContextError as error:
        fail(str(error))
    except TypeError as error:
        fail(f"invalid context: {error}")

    if not any(key in raw for key in EXPECTATION_KEYS):
        fail("no expectation: give expect, contains, not_contains, matches, encoding, max_segments or error")
    case = TestCase(
        name=name, index=index, path=path, template_path=template_path, context=context, line=source.line
    )

    error = raw.get("error")
    if error is not None:
        if not isinstance(error, (bool, str)):
            fail("error must be true, false or a fragment of the expected error message", "error")
        if error is not False and any(key in raw for key in EXPECTATION_KEYS if key != "error"):
            fail("a case that expects an error cannot also expect text, an encoding or a segment count", "error")
        case.error = error
    if "expect" in raw:
        if not isinstance(raw["expect"], str):
            fail("expect must be a string", "expect")
        case.expect = raw["expect"]
    if "contains" in raw:
        case.contains = _text_list(raw["contains"], "contains", lambda message: fail(message, "contains"))
    if "not_contains" in raw:
        case.not_contains = _text_list(
            raw["not_contains"], "not_contains", lambda message: fail(message, "not_contains")
        )
    if "matches" in raw:
        if not isinstance(raw["matches"], str):
            fail("matches must be a regular expression as a string", "matches")
        try:
            case.matches = re.compile(raw["matches"])
        except re.error as problem:
            fail(f"matches is not a valid regular expression: {problem}", "matches")
    if "encoding" in raw:
        encoding = raw["encoding"]
        spelled = {e.replace("-", "").lower(): e for e in ENCODINGS}
        if not isinstance(encoding, str) or encoding.replace("-", "").lower() not in spelled:
            fail(f"encoding must be \"GSM-7\" or \"UCS-2\", got {encoding!r}", "encoding")
        case.encoding = spelled[encoding.replace("-", "").lower()]
    if "max_segments" in raw:
        limit = raw["max_segments"]
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            fail(f"max_segments must be a whole number of at least 1, got {limit!r}", "max_segments")
        case.max_segments = limit
    return case


def load_test_file(path: str | os.PathLike) -> TestFile:
    """Read and validate a test file; raise TestFileError naming the file and case on any problem."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise TestFileError(path, "file not found") from None
    except OSError as error:
        raise TestFileError(path, f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise TestFileError(path, "not UTF-8 text; save it as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(path, text, error) from None

    def fail(message: str, key: str | None = None):
        offset = None if key is None else _key_offset(text, key, 0, len(text), None)
        line, column = (None, None) if offset is None else _position(text, offset)
        raise TestFileError(path, message, line=line, column=column)

    unknown = sorted(set(data) - set(FILE_KEYS))
    if unknown:
        fail(
            f"unknown top-level key {unknown[0]!r}{_suggest_key(unknown[0], FILE_KEYS)} "
            "(context parts go in a case, or in a context table)",
            unknown[0],
        )

    defaults: dict[str, Any] = {}
    if "template" in data:
        if not isinstance(data["template"], str):
            fail("template must be a file path relative to the test file", "template")
        defaults["template"] = data["template"]
    if "context" in data:
        defaults["context"] = _read_context_source(data["context"], path.parent, lambda message: fail(message, "context"))

    raw_cases = data.get("case")
    if raw_cases is None:
        fail("no cases: add at least one [[case]] table")
    if not isinstance(raw_cases, list):
        fail("case must be an array of tables: write each case under [[case]]", "case")
    offsets = _case_offsets(text)
    cases = []
    names: set[str] = set()
    for index, raw in enumerate(raw_cases):
        source = _CaseSource(text)
        # Cases written as an inline array have no [[case]] headers to count.
        if len(offsets) == len(raw_cases):
            source.start = offsets[index]
            source.end = offsets[index + 1] if index + 1 < len(offsets) else len(text)
        case = _load_case(raw, index, path, defaults, source)
        if case.name in names:
            line, column = source.locate("name")
            raise TestFileError(
                path,
                "another case has the same name; give each case its own name",
                case=case.name,
                line=line,
                column=column,
            )
        names.add(case.name)
        cases.append(case)
    return TestFile(path, cases)


def _toml_error(path: Path, text: str, error: tomllib.TOMLDecodeError) -> TestFileError:
    """Turn a TOML parse error into a TestFileError at the error's line and column."""
    message = str(error)
    # Python 3.11 to 3.13 give the position only inside the message text.
    match = _TOML_ERROR_POSITION.search(message)
    if match:
        message = message[: match.start()]
        return TestFileError(path, f"invalid TOML: {message}", line=int(match[1]), column=int(match[2]))
    if message.endswith(" (at end of document)"):
        message = message.removesuffix(" (at end of document)")
        line, column = _position(text, len(text))
        return TestFileError(path, f"invalid TOML at the end of the file: {message}", line=line, column=column)
    return TestFileError(path, f"invalid TOML: {message}")


def find_test_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Find test files: each path is a test file, or a folder searched recursively for ``*.test.toml``.

    Hidden folders, caches and virtual environments are skipped. Raises
    FileNotFoundError for a path that does not exist.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
            continue
        if not path.is_dir():
            raise FileNotFoundError(str(path))
        for folder, subfolders, files in os.walk(path):
            subfolders[:] = sorted(
                name
                for name in subfolders
                if not name.startswith(".")
                and name not in SKIPPED_FOLDERS
                and not (Path(folder) / name / "pyvenv.cfg").exists()
            )
            found.extend(Path(folder) / name for name in sorted(files) if name.endswith(TEST_FILE_SUFFIX))
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


# -------------------------------------------------------------------- running


def _load_template(path: Path, cache: dict[Path, Template | AmpscriptError]) -> Template | AmpscriptError:
    key = path.resolve()
    if key not in cache:
        try:
            source = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            cache[key] = AmpscriptError(f"cannot read the template: {error}", source_name=str(path))
            return cache[key]
        if source.startswith("\ufeff"):
            source = source[1:]
        try:
            cache[key] = compile_template(source, name=_display_path(path))
        except AmpscriptError as error:
            cache[key] = error
    return cache[key]


def _display_path(path: Path) -> str:
    """Return the path relative to the current folder when it lies inside it, else as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _check_error(case: TestCase, result: CaseResult, error: AmpscriptError) -> None:
    result.error = error
    if case.error is None or case.error is False:
        result.failures.append(f"rendering failed:\n{error}")
    elif isinstance(case.error, str) and case.error not in str(error):
        result.failures.append(f"the template failed, but the error does not contain {case.error!r}:\n{error}")


def _check_text(case: TestCase, result: CaseResult, text: str) -> None:
    failures = result.failures
    if case.error is not None and case.error is not False:
        failures.append("expected the template to fail, but it rendered")
        return
    if case.expect is not None and text != case.expect:
        failures.append("the rendered text differs from expect:")
        result.diff = diff_texts(case.expect, text)
    for fragment in case.contains:
        if fragment not in text:
            failures.append(f"the rendered text does not contain {fragment!r}")
    for fragment in case.not_contains:
        if fragment in text:
            failures.append(f"the rendered text contains {fragment!r}")
    if case.matches is not None and case.matches.search(text) is None:
        failures.append(f"the rendered text does not match the regular expression {case.matches.pattern!r}")
    if case.encoding is not None or case.max_segments is not None:
        from .sms import analyze

        info = analyze(text)
        if case.encoding is not None and info.encoding != case.encoding:
            reason = ""
            characters = list(dict.fromkeys(found.char for found in info.non_gsm))
            if characters:
                reason = " because of " + ", ".join(describe_char(c) for c in characters[:5])
            failures.append(f"the reply is {info.encoding}{reason}, expected {case.encoding}")
        if case.max_segments is not None and info.segments > case.max_segments:
            failures.append(
                f"the reply needs {info.segments} segments ({info.length} {info.encoding} characters), "
                f"more than max_segments = {case.max_segments}"
            )


def run_case(case: TestCase, cache: dict[Path, Template | AmpscriptError] | None = None) -> CaseResult:
    """Render one case and check every expectation it sets."""
    result = CaseResult(case)
    template = _load_template(case.template_path, {} if cache is None else cache)
    if isinstance(template, AmpscriptError):
        _check_error(case, result, template)
        return result
    try:
        context = make_context(**case.context)
        rendered = template.run(context=context)
    except AmpscriptError as error:
        _check_error(case, result, error)
        return result
    except ContextError as error:
        result.failures.append(f"invalid context: {error}")
        return result
    result.text = rendered.text
    _check_text(case, result, rendered.text)
    return result


def run_test_file(test_file: TestFile) -> list[CaseResult]:
    """Run every case of a test file, compiling each template once."""
    cache: dict[Path, Template | AmpscriptError] = {}
    return [run_case(case, cache) for case in test_file.cases]


# ---------------------------------------------------------------------- diffs

_CHAR_ESCAPES = {"\t": "\\t", "\r": "\\r", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e"}
_TRAILING_SPACES = re.compile(r" +(?=[\t\r]*$)")
TRAILING_SPACE_MARK = "·"


def describe_char(char: str) -> str:
    """Name a character for a message: ``'ë' (U+00EB LATIN SMALL LETTER E WITH DIAERESIS)``."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{char!r} ({code} {name})" if name else f"{char!r} ({code})"


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cc", "Cf", "Zl", "Zp", "Cs") or (category == "Zs" and char != " ")


def _mark_trailing_spaces(line: str) -> str:
    return _TRAILING_SPACES.sub(lambda match: TRAILING_SPACE_MARK * len(match.group()), line)


def visible_text(line: str) -> str:
    """Spell out the invisible characters of one line.

    Tabs and carriage returns become ``\\t`` and ``\\r``. Other control
    characters and no-break, zero-width or other unusual spaces become
    ``\\uXXXX``, and each space at the end of the line becomes ``·``.
    """
    marked = _mark_trailing_spaces(line)
    if marked.isascii() and marked.isprintable():
        return marked
    out = []
    for char in marked:
        if char in _CHAR_ESCAPES:
            out.append(_CHAR_ESCAPES[char])
        elif _invisible(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def _visible_lines(text: str) -> list[str]:
    return [visible_text(line) for line in text.split("\n")]


def _diff_lines(text: str) -> list[str]:
    return [
        visible_text(line.rstrip("\n")) + ("\n" if line.endswith("\n") else "")
        for line in text.splitlines(keepends=True)
    ]


def diff_texts(expected: str, rendered: str, *, context_lines: int = 3) -> str:
    """Return a unified diff of expected against rendered text, invisible characters shown.

    When only one of the texts ends with a line break, the other's last line
    is followed by ``\\ no newline at end``, the way git shows it.
    """
    if expected.endswith("\n") == rendered.endswith("\n"):
        # The final line breaks agree, so mark neither side.
        expected += "\n"
        rendered += "\n"
    before = _diff_lines(expected)
    after = _diff_lines(rendered)
    lines = []
    for line in difflib.unified_diff(before, after, "expected", "rendered", n=context_lines, lineterm="\n"):
        if line.endswith("\n"):
            lines.append(line[:-1])
        else:
            lines.append(line)
            lines.append("\\ no newline at end")
    notes = []
    raw_lines = expected.split("\n") + rendered.split("\n")
    if any(_TRAILING_SPACES.search(line) for line in raw_lines):
        notes.append(f"{TRAILING_SPACE_MARK} marks a space at the end of a line")
    if any(visible_text(line) != _mark_trailing_spaces(line) for line in raw_lines):
        notes.append("\\t, \\r and \\uXXXX stand for invisible characters")
    if notes:
        lines.append("(" + "; ".join(notes) + ")")
    return "\n".join(lines)


# ------------------------------------------------------------------- updating


def _replace_file(path: Path, text: str) -> None:
    """Write text to path atomically: a temporary file in the same folder, then os.replace.

    A symbolic link is followed, so the link's target gets the new text and
    the link stays a link.
    """
    path = path.resolve()
    mode = path.stat().st_mode & 0o7777
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def update_expectations(path: str | os.PathLike, updates: dict[int, str]) -> None:
    """Rewrite the ``expect`` values of the cases at the given indexes, keeping the rest of the file.

    ``updates`` maps a case's 0-based position in the file to its new
    expected text. Only the value after ``expect =`` changes, so comments,
    order and formatting stay as they were. The edited text is parsed again
    and compared with the original before the file is replaced, and the
    replacement is atomic, so a failure leaves the file untouched. Raises
    UpdateError when a value cannot be located or written.
    """
    path = Path(path)
    text = path.read_bytes().decode("utf-8")
    try:
        original = tomllib.loads(text)
        spans = find_table_values(text)
    except (tomllib.TOMLDecodeError, TomlScanError) as error:
        raise UpdateError(f"{path}: cannot edit the file: {error}") from None

    # A new multi-line string follows the file's line endings, so a CRLF
    # file stays CRLF. TOML reads either ending inside a string as "\n".
    first_newline = text.find("\n")
    crlf = first_newline > 0 and text[first_newline - 1] == "\r"

    edits = []
    for index, new_text in updates.items():
        found = [s for s in spans if s.table == ("case",) and s.array_index == index and s.key == ("expect",)]
        if len(found) != 1:
            name = original.get("case", [{}] * (index + 1))[index].get("name", f"#{index + 1}")
            raise UpdateError(
                f"{path}: case {name!r}: cannot find its expect = ... line; "
                "write the case under [[case]] with expect as a key of its own"
            )
        try:
            written = toml_string(new_text)
        except ValueError as error:
            raise UpdateError(f"{path}: case #{index + 1}: {error}") from None
        if crlf:
            # toml_string writes raw "\n" only as the line breaks of a
            # multi-line string and escapes every "\r", so the value reads back
            # the same. The check below parses the edited text again.
            written = written.replace("\n", "\r\n")
        edits.append((found[0].start, found[0].end, written))

    edited = text
    for start, end, written in sorted(edits, reverse=True):
        edited = edited[:start] + written + edited[end:]

    # Check the edit before touching the file: the new text must parse to
    # the original data with only the updated expect values changed.
    wanted = tomllib.loads(text)
    for index, new_text in updates.items():
        wanted["case"][index]["expect"] = new_text
    try:
        reparsed = tomllib.loads(edited)
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - toml_string writes valid TOML
        raise UpdateError(f"{path}: the edited file would not be valid TOML ({error}); nothing was written") from None
    if reparsed != wanted:  # pragma: no cover - a scanner bug; refuse rather than corrupt
        raise UpdateError(f"{path}: the edit would change more than the expect values; nothing was written")
    _replace_file(path, edited)
