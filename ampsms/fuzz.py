"""Fuzz one template: vary the context parts it reads and report each kind of bad reply.

``find_inputs`` reads the syntax tree to learn what a template reads: MSG(0)
and its members, contact attributes, MOBILE_NUMBER and SHORT_CODE, and the
URLs of HttpGet calls. ``fuzz_template`` then draws contexts that vary only
those parts, starting from a base context, renders each one with the
template compiled once, and checks the reply. The problems it looks for:

``runtime-error``
    the render fails, so the contact gets no reply; grouped by call site:
    the error class, function, line and column, whatever the message;
``segments``
    the reply needs more SMS segments than the limit;
``ucs2``
    the template's own text is GSM-7 but the data that went into the reply
    made it UCS-2, which carries 70 characters per segment instead of 160;
``empty``
    the reply is empty or only white space, and MobileConnect sends nothing;
``unrendered``
    the reply still holds ``%%``, the mark of a personalization string or
    block that was not rendered;
``internal-error``
    ampsms itself raised something other than an AmpscriptError (a bug in
    ampsms, not in the template).

For each kind, hypothesis shrinks the first failing context to the smallest
one that still shows it, and ``Finding.case_toml`` writes that context as a
``[[case]]`` for a test file. The same seed gives the same findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from random import Random
from typing import TYPE_CHECKING, Any, Callable

from . import nodes
from .compiler import Template
from .context import make_context
from .dates import SYSTEM_TIMEZONE
from .errors import AmpscriptError
from .sms import GSM7, analyze, is_gsm
from .testing import describe_char
from .tomledit import toml_key, toml_string

# hypothesis is imported where it is used, so that the other ampsms commands
# do not pay for importing it (about 0.1 s).
if TYPE_CHECKING:
    from hypothesis import settings
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "DEFAULT_EXAMPLES",
    "DEFAULT_MAX_SEGMENTS",
    "Finding",
    "FuzzReport",
    "TemplateInputs",
    "find_inputs",
    "fuzz_template",
]

DEFAULT_EXAMPLES = 200
# Salesforce's guideline for MobileConnect is at most 10 parts per message.
DEFAULT_MAX_SEGMENTS = 10

# Names that resolve to context parts rather than contact attributes.
_MOBILE_NAMES = {"mobile_number", "_mobilenumber"}
_SHORT_CODE_NAMES = {"short_code"}
_BUILT_IN_NAMES = {"_messagecontext"}
_KEYWORD_LITERAL = re.compile(r"[A-Za-z0-9]{1,20}")
_SHORT_CODES = ["12345", "55555", "18005551234", "447700900123"]
_CLOCK_FUNCTIONS = {"now", "getsendtime"}
_RANDOM_FUNCTIONS = {"random", "guid"}


# ------------------------------------------------------------------ inputs


@dataclass
class TemplateInputs:
    """The context parts a template reads, found in its syntax tree."""

    inbound: bool = False
    msg_members: set[str] = field(default_factory=set)
    attributes: list[str] = field(default_factory=list)
    mobile_number: bool = False
    short_code: bool = False
    literal_urls: list[str] = field(default_factory=list)
    computed_urls: int = 0
    keywords: list[str] = field(default_factory=list)
    static_text_is_gsm: bool = True
    reads_clock: bool = False
    reads_random: bool = False

    def describe(self) -> list[str]:
        """List the varied parts in words, for the report."""
        parts = []
        if self.inbound:
            members = ", ".join(sorted(self.msg_members)) or "whole message"
            parts.append(f"inbound message (MSG(0): {members})")
        parts.extend(f"attribute {name}" for name in self.attributes)
        if self.mobile_number:
            parts.append("mobile number")
        if self.short_code:
            parts.append("short code")
        parts.extend(f"HttpGet reply for {url}" for url in self.literal_urls)
        if self.computed_urls:
            plural = "s" if self.computed_urls != 1 else ""
            parts.append(f"HttpGet reply for {self.computed_urls} computed URL{plural} (wildcard mock *)")
        return parts

    def to_dict(self) -> dict[str, Any]:
        return {
            "inbound": self.inbound,
            "msg_members": sorted(self.msg_members),
            "attributes": list(self.attributes),
            "mobile_number": self.mobile_number,
            "short_code": self.short_code,
            "literal_urls": list(self.literal_urls),
            "computed_urls": self.computed_urls,
        }


def _note_name(inputs: TemplateInputs, name: str, seen: set[str]) -> None:
    key = name.strip().lower()
    if key in _MOBILE_NAMES:
        inputs.mobile_number = True
    elif key in _SHORT_CODE_NAMES:
        inputs.short_code = True
    elif key not in _BUILT_IN_NAMES and key not in seen:
        seen.add(key)
        inputs.attributes.append(name.strip())


def _note_msg(inputs: TemplateInputs, msg: nodes.Msg) -> None:
    inputs.inbound = True
    if msg.member is None:
        inputs.msg_members.add("whole message")
    elif msg.member == "noun" and isinstance(msg.noun_index, nodes.NumberLiteral):
        inputs.msg_members.add(f"NOUN({msg.noun_index.value})")
    else:
        inputs.msg_members.add(msg.member.upper())


def find_inputs(document: nodes.Document) -> TemplateInputs:
    """Find the context parts a template reads: MSG(0), attributes, system strings and HttpGet URLs."""
    inputs = TemplateInputs()
    seen_attributes: set[str] = set()
    static_text: list[str] = []
    for node in document.walk():
        if isinstance(node, nodes.Msg):
            _note_msg(inputs, node)
        elif isinstance(node, nodes.MsgPersonalization):
            _note_msg(inputs, node.msg)
        elif isinstance(node, (nodes.Attribute, nodes.Personalization)):
            _note_name(inputs, node.name, seen_attributes)
        elif isinstance(node, nodes.Text):
            static_text.append(node.value)
        elif isinstance(node, nodes.StringLiteral):
            static_text.append(node.value)
            if _KEYWORD_LITERAL.fullmatch(node.value) and node.value not in inputs.keywords:
                inputs.keywords.append(node.value)
        elif isinstance(node, nodes.Call):
            name = node.name.lower()
            first = node.args[0] if node.args else None
            inputs.reads_clock = inputs.reads_clock or name in _CLOCK_FUNCTIONS
            inputs.reads_random = inputs.reads_random or name in _RANDOM_FUNCTIONS
            if name == "attributevalue" and isinstance(first, nodes.StringLiteral):
                _note_name(inputs, first.value, seen_attributes)
            elif name == "httpget":
                if isinstance(first, nodes.StringLiteral):
                    if first.value not in inputs.literal_urls:
                        inputs.literal_urls.append(first.value)
                else:
                    inputs.computed_urls += 1
    inputs.static_text_is_gsm = is_gsm("".join(static_text))
    return inputs


# ---------------------------------------------------------------- contexts


def _first_word(text: str | None) -> str | None:
    words = (text or "").split()
    return words[0] if words else None


def _with_base(base_value: Any, strategy: SearchStrategy) -> SearchStrategy:
    """Draw the base context's value first, so shrinking stays as close to it as the failure allows."""
    from hypothesis import strategies as st

    if base_value is None:
        return strategy
    return st.just(base_value) | strategy


def context_strategy(inputs: TemplateInputs, base: dict[str, Any]) -> SearchStrategy[dict[str, Any]]:
    """Draw whole context parts: the base context with the parts the template reads varied."""
    from hypothesis import strategies as st

    from .strategies import attribute_values, http_replies, inbound_messages, mobile_numbers

    varied: dict[str, SearchStrategy] = {}
    if inputs.inbound:
        keywords = [word for word in [_first_word(base.get("inbound"))] + inputs.keywords if word]
        varied["inbound"] = _with_base(base.get("inbound"), inbound_messages(keywords or None))
    if inputs.mobile_number:
        varied["mobile_number"] = _with_base(base.get("mobile_number"), mobile_numbers())
    if inputs.short_code:
        varied["short_code"] = _with_base(base.get("short_code"), st.sampled_from(_SHORT_CODES))
    base_attributes = {name.lower(): value for name, value in (base.get("attributes") or {}).items()}
    if inputs.attributes:
        varied["attributes"] = st.fixed_dictionaries(
            {name: _with_base(base_attributes.get(name.lower()), attribute_values(name)) for name in inputs.attributes}
        )
    if inputs.literal_urls or inputs.computed_urls:
        base_replies = list((base.get("http") or {}).values())
        http: dict[str, SearchStrategy] = {}
        for url in inputs.literal_urls:
            http[url] = _with_base((base.get("http") or {}).get(url), http_replies())
        if inputs.computed_urls:
            known = st.sampled_from(base_replies) | http_replies() if base_replies else http_replies()
            http["*"] = known
        varied["http"] = st.fixed_dictionaries(http)

    def merge(drawn: dict[str, Any]) -> dict[str, Any]:
        parts = dict(base)
        for key, value in drawn.items():
            if key == "attributes":
                kept = {
                    name: old for name, old in (base.get("attributes") or {}).items()
                    if name.lower() not in {n.lower() for n in value}
                }
                parts["attributes"] = {**kept, **value}
            else:
                # The drawn mocks replace the base ones, because an exact base
                # mock would otherwise match before the wildcard.
                parts[key] = value
        return parts

    return st.fixed_dictionaries(varied).map(merge)


# ---------------------------------------------------------------- checking


@dataclass
class Problem:
    """One problem seen in one render."""

    kind: str
    key: tuple
    message: str
    function: str | None = None
    line: int | None = None
    column: int | None = None
    # The message with the values it quotes left out, for runtime errors only.
    shape: str | None = None


# Values inside error messages: URLs, quoted text and numbers.
_VOLATILE = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?", re.IGNORECASE)


def _error_key(error: AmpscriptError) -> tuple:
    """Group runtime errors by call site: error class, function, line and column.

    The message is left out, because one call can fail with several
    messages that one fix removes: StringToDate raises "empty text is not a
    date" for "" and "the text ' ' is not a date" for " ".
    """
    return ("runtime-error", type(error).__name__, getattr(error, "function", None), error.line, error.column)


def check_reply(
    template: Template, parts: dict[str, Any], *, max_segments: int, static_text_is_gsm: bool
) -> list[Problem]:
    """Render one context and return the problems of the reply."""
    try:
        text = template.run(context=make_context(**parts)).text
    except AmpscriptError as error:
        return [
            Problem(
                "runtime-error",
                _error_key(error),
                error.message,
                getattr(error, "function", None),
                error.line,
                error.column,
                _VOLATILE.sub("_", error.message),
            )
        ]
    except Exception as error:  # noqa: BLE001 - reported as a bug in ampsms, not a crash of the fuzzer
        message = f"{type(error).__name__}: {error}"
        return [Problem("internal-error", ("internal-error", type(error).__name__), message)]

    problems = []
    if not text.strip():
        problems.append(Problem("empty", ("empty",), "the reply is empty or only white space"))
    info = analyze(text)
    if info.segments > max_segments:
        problems.append(
            Problem(
                "segments",
                ("segments",),
                f"the reply needs {info.segments} segments ({info.length} {info.encoding} characters), "
                f"more than {max_segments}",
            )
        )
    if static_text_is_gsm and info.encoding != GSM7:
        characters = list(dict.fromkeys(found.char for found in info.non_gsm))[:5]
        problems.append(
            Problem(
                "ucs2",
                ("ucs2",),
                f"the reply is {info.encoding} because of {', '.join(describe_char(c) for c in characters)}, "
                "though the template's own text is GSM-7",
            )
        )
    if "%%" in text:
        problems.append(Problem("unrendered", ("unrendered",), "the reply still contains %%"))
    return problems


# ---------------------------------------------------------------- findings


@dataclass
class Finding:
    """A kind of problem, how often the exploration met it, and its smallest failing context."""

    problem: Problem
    count: int
    context: dict[str, Any]
    shrunk: bool
    # One message per distinct wording seen in the group, the finding's own
    # message first. Runtime errors at one call site can have several.
    messages: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        problem = self.problem
        if problem.kind == "runtime-error":
            where = f"line {problem.line}, column {problem.column}" if problem.line else "the template"
            function = f" in {problem.function}" if problem.function else ""
            return f"runtime error at {where}{function}"
        return {
            "segments": "reply over the segment limit",
            "ucs2": "reply in UCS-2 though the template text is GSM-7",
            "empty": "empty reply",
            "unrendered": "%% left in the reply",
            "internal-error": "ampsms failed with an internal error (a bug in ampsms; please report it)",
        }[problem.kind]

    def expectation(self, max_segments: int) -> tuple[str, Any]:
        """Return the test-file expectation that this context breaks: what the template should do."""
        return {
            "runtime-error": ("error", False),
            "internal-error": ("error", False),
            "segments": ("max_segments", max_segments),
            "ucs2": ("encoding", "GSM-7"),
            "empty": ("matches", r"\S"),
            "unrendered": ("not_contains", "%%"),
        }[self.problem.kind]

    def case_toml(self, template_name: str, max_segments: int) -> str:
        """Write the smallest failing context as a ``[[case]]`` for a test file."""
        expectation = self.expectation(max_segments)
        return _case_toml(f"fuzz: {self.title}", template_name, self.context, expectation)


@dataclass
class FuzzReport:
    """The outcome of a fuzz run: the parts it varied and the problems it found."""

    template: str
    seed: int
    examples: int
    inputs: TemplateInputs
    findings: list[Finding]
    # Contexts rendered in the first pass: fewer than ``examples`` when the
    # template reads so little that there are no more distinct contexts.
    tried: int = 0


def _explore(strategy, check: Callable[[dict], list[Problem]], examples: int, seed: int):
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    counts: Counter = Counter()
    first: dict[tuple, tuple[Problem, dict]] = {}
    # For each group: message shape to the first message with that shape.
    messages: dict[tuple, dict[str, str]] = {}

    tried = 0

    def record(parts: dict[str, Any]) -> bool:
        nonlocal tried
        tried += 1
        for problem in check(parts):
            counts[problem.key] += 1
            first.setdefault(problem.key, (problem, parts))
            if problem.shape is not None:
                messages.setdefault(problem.key, {}).setdefault(problem.shape, problem.message)
        return False

    try:
        find(strategy, record, settings=_settings(examples, shrink=False), random=Random(seed))
    except NoSuchExample:
        pass
    return counts, first, messages, tried


def _settings(examples: int, *, shrink: bool) -> settings:
    from hypothesis import HealthCheck, Phase, settings

    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    return settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
    )


def _shrink(strategy, check, key: tuple, examples: int, seed: int) -> tuple[Problem, dict] | None:
    """Find the smallest context that shows the problem ``key``.

    The search replays the exploration: the same seed draws the same
    contexts, so it meets the same failing context, which hypothesis then
    shrinks.
    """
    from hypothesis import find
    from hypothesis.errors import NoSuchExample

    found: dict[str, Problem] = {}

    def shows(parts: dict[str, Any]) -> bool:
        for problem in check(parts):
            if problem.key == key:
                found["problem"] = problem
                return True
        return False

    try:
        parts = find(strategy, shows, settings=_settings(examples, shrink=True), random=Random(seed))
    except NoSuchExample:
        return None
    # The last call to shows() may have been another candidate; check again.
    problems = [problem for problem in check(parts) if problem.key == key]
    return (problems[0], parts) if problems else None


def fuzz_template(
    template: Template,
    *,
    base: dict[str, Any] | None = None,
    examples: int = DEFAULT_EXAMPLES,
    seed: int = 0,
    max_segments: int = DEFAULT_MAX_SEGMENTS,
) -> FuzzReport:
    """Render a template for many varied contexts and return each kind of problem, shrunk."""
    base = dict(base or {})
    inputs = find_inputs(template.document)
    # A clock or random numbers left open would make renders, and so the
    # report, differ from run to run. Fixing them also makes printed cases
    # reproduce.
    if inputs.reads_clock and base.get("now") is None:
        base["now"] = dt.datetime.now(SYSTEM_TIMEZONE).replace(tzinfo=None, microsecond=0).isoformat()
    if inputs.reads_random and base.get("seed") is None:
        base["seed"] = seed
    strategy = context_strategy(inputs, base)

    def check(parts: dict[str, Any]) -> list[Problem]:
        return check_reply(template, parts, max_segments=max_segments, static_text_is_gsm=inputs.static_text_is_gsm)

    counts, first, messages, tried = _explore(strategy, check, examples, seed)
    findings = []
    for key, (problem, parts) in first.items():
        shrunk = _shrink(strategy, check, key, examples, seed)
        if shrunk is not None:
            problem, parts = shrunk
        others = [message for shape, message in messages.get(key, {}).items() if shape != problem.shape]
        findings.append(Finding(problem, counts[key], parts, shrunk is not None, [problem.message, *others]))
    return FuzzReport(template.name or "<template>", seed, examples, inputs, findings, tried)


# -------------------------------------------------------------- TOML output

def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, dict):
        inner = ", ".join(f"{toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _case_toml(name: str, template_name: str, context: dict[str, Any], expectation: tuple[str, Any]) -> str:
    # context = {} starts the case from an empty context, so the test file's
    # default context cannot change the render. An exact mock in the defaults
    # would otherwise match before the case's wildcard mock.
    lines = [
        "[[case]]",
        f"name = {toml_string(name)}",
        f"template = {toml_string(template_name)}",
        "context = {}",
    ]
    tables = []
    for key in ("inbound", "mobile_number", "short_code", "now", "seed", "utc_offset", "data_extensions"):
        if context.get(key) is not None:
            lines.append(f"{key} = {_toml_value(context[key])}")
    key, value = expectation
    if key == "matches":
        lines.append(f"{key} = '{value}'")
    else:
        lines.append(f"{key} = {_toml_value(value)}")
    for table in ("attributes", "http"):
        entries = context.get(table)
        if entries:
            tables.append("")
            tables.append(f"[case.{table}]")
            tables.extend(f"{toml_key(str(k))} = {_toml_value(v)}" for k, v in entries.items())
    return "\n".join(lines + tables) + "\n"
