"""Compile a syntax tree into a Template: nested Python closures that render fast.

Compilation checks the whole template first, as Marketing Cloud does before
it sends anything: every function must exist and be usable in SMS, and every
call must have a valid argument count, even in a branch that never runs.
Each node then becomes a closure over the render state, so rendering a
compiled template for another context re-reads nothing but the context.
"""

from __future__ import annotations

import difflib
import inspect
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable

from . import nodes
from .context import RenderContext, make_context
from .errors import AmpscriptError, AmpscriptRuntimeError, AmpscriptSyntaxError
from .functions import FUNCTIONS, lookup
from .functions.catalog import CATALOG, unsupported_reason
from .functions.registry import Builtin, FunctionError
from .parser import parse
from .sms import analyze as analyze_sms
from .values import MAX_OUTPUT_LENGTH, MAX_TEXT_LENGTH, compare, is_true, is_whole, to_text, try_number

__all__ = ["HttpCall", "Note", "RenderResult", "RenderState", "Template", "check_document", "compile_document"]

# NOTE: Marketing Cloud stops a FOR loop that "cannot converge" but documents
# no limit. This cap is a guess that keeps a runaway loop from hanging a fuzz run.
MAX_LOOP_ITERATIONS = 100_000

Evaluator = Callable[["RenderState"], Any]
Executor = Callable[["RenderState"], None]


# ------------------------------------------------------------------- results


@dataclass(frozen=True)
class HttpCall:
    """One HttpGet call made during a render."""

    url: str
    status: int
    error: str | None
    source: str


@dataclass(frozen=True)
class Note:
    """Something a render did that a reviewer should know about, with its position."""

    code: str
    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class RenderResult:
    """The rendered text and what happened while rendering it."""

    text: str
    http_calls: list[HttpCall] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class RenderState:
    """The mutable state of one render: variables, output and records."""

    __slots__ = (
        "variables", "out", "context", "http_calls", "actions", "notes", "iterations", "rng", "_inbound", "_now",
    )

    def __init__(self, context: RenderContext) -> None:
        self.variables: dict[str, Any] = {}
        self.out: list[str] = []
        self.context = context
        self.http_calls: list[HttpCall] = []
        self.actions: list[dict[str, Any]] = []
        self.notes: list[Note] = []
        self.iterations = 0
        self.rng = None
        self._inbound: tuple[str, str, str, list[str]] | None = None
        self._now: datetime | None = None

    def clock(self) -> datetime:
        """Return the render's current time in system time; every call in one render returns the same instant."""
        if self._now is None:
            self._now = self.context.clock()
        return self._now

    def record_http(self, url: str, status: int, error: str | None, source: str = "mock") -> None:
        """Record an HttpGet call for the render result."""
        self.http_calls.append(HttpCall(url, status, error, source))

    def record_action(self, action: dict[str, Any]) -> None:
        """Record a MobileConnect action (conversation or contact change) the message would take."""
        self.actions.append(action)

    def note(self, code: str, message: str, node: nodes.Node | None = None) -> None:
        """Record a note about the render, once per code, message and position."""
        entry = Note(code, message, node.line if node else None, node.column if node else None)
        if entry not in self.notes:
            self.notes.append(entry)

    def attribute(self, name: str) -> tuple[bool, Any]:
        """Look up a contact attribute or system string; return ``(found, value)``."""
        return resolve_attribute(self.context, name)

    def inbound_text(self) -> str:
        """Return the inbound message as MobileConnect records it.

        MobileConnect keeps only the first segment of an inbound message that
        needs more than one: 153 GSM-7 septets, or 67 UTF-16 units when the
        text contains a character outside GSM-7.
        """
        if self._inbound is None:
            self._split_inbound()
        return self._inbound[0]

    def inbound_parts(self) -> tuple[str, str, list[str]]:
        """Return the inbound message split into verb, nouns and noun words.

        Project decision: the verb is the first whitespace-separated word as
        typed. The nouns are the rest of the message after that word, with the
        leading whitespace removed, and NOUN(n) is the n-th word of the nouns.
        """
        if self._inbound is None:
            self._split_inbound()
        return self._inbound[1:]

    def _split_inbound(self) -> None:
        text = self.context.inbound or ""
        if len(text) > 67:
            info = analyze_sms(text)
            if info.segments > 1:
                text = info.parts[0]
                self.note(
                    "inbound-truncated",
                    f"the inbound message needs {info.segments} segments; MobileConnect records only the first "
                    f"{info.per_segment} {'septets' if info.is_gsm else 'characters'}, so MSG(0) reads {len(text)} characters",
                )
        stripped = text.lstrip()
        words = stripped.split(None, 1)
        verb = words[0] if words else ""
        nouns = stripped[len(verb):].lstrip() if verb else ""
        self._inbound = (text, verb, nouns, nouns.split())


_SYSTEM_STRINGS = {
    "mobile_number": "mobile_number",
    "_mobilenumber": "mobile_number",
    "short_code": "short_code",
}


def attribute_key(name: str) -> str:
    """Return the lookup key of an attribute name: no surrounding spaces, lower case."""
    return name.strip().lower()


def resolve_attribute(context: RenderContext, name: str) -> tuple[bool, Any]:
    """Find an attribute or system string by name, ignoring case and surrounding spaces."""
    return resolve_attribute_key(context, attribute_key(name))


def resolve_attribute_key(context: RenderContext, key: str) -> tuple[bool, Any]:
    """Find an attribute or system string by its lookup key (see attribute_key)."""
    system = _SYSTEM_STRINGS.get(key)
    if system is not None:
        value = getattr(context, system)
        if value is not None:
            return True, value
    if key in context.attributes:
        return True, context.attributes[key]
    if key == "_messagecontext":
        return True, "SMS"
    return False, None


# ------------------------------------------------------------------ checking


def _suggest(name: str) -> str | None:
    known = sorted({b.name for b in FUNCTIONS.values()})
    matches = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=3, cutoff=0.6)
    if not matches:
        return None
    spelled = {k.lower(): k for k in known}
    return "did you mean " + " or ".join(spelled[m] for m in matches) + "?"


def function_problem(call: nodes.Call) -> AmpscriptSyntaxError | None:
    """Return the compile-time error for a call to an unknown or unsupported function, if any."""
    if lookup(call.name) is not None:
        return None
    position = dict(line=call.line, column=call.column)
    catalogued = {name.lower(): (name, category) for name, category in CATALOG.items()}.get(call.name.lower())
    if catalogued is not None:
        spelled = catalogued[0]
        reason = unsupported_reason(spelled)
        return AmpscriptSyntaxError(
            f"{spelled} is not supported in SMS templates: {reason}",
            hint="remove the call, or render this part of the message another way",
            **position,
        )
    return AmpscriptSyntaxError(
        f"unknown function {call.name}",
        hint=_suggest(call.name) or "list the functions ampsms knows with: python -m ampsms.docs functions",
        **position,
    )


def arity_problem(call: nodes.Call, function: Builtin) -> AmpscriptSyntaxError | None:
    """Return the compile-time error for a wrong argument count, if any."""
    count = len(call.args)
    if count >= function.min_args and (function.max_args is None or count <= function.max_args):
        return None
    given = "1 was given" if count == 1 else f"{count} were given"
    return AmpscriptSyntaxError(
        f"{function.name} takes {function.arity_text()}, but {given}",
        line=call.line,
        column=call.column,
        hint=f"the signature is {function.signature}",
    )


def check_document(document: nodes.Document) -> list[AmpscriptSyntaxError]:
    """Return every compile-time error of a parsed template, in source order."""
    problems: list[AmpscriptSyntaxError] = []
    statement_calls: set[int] = set()
    for node in document.walk():
        if isinstance(node, nodes.ExprStatement) and isinstance(node.expr, nodes.Call):
            statement_calls.add(id(node.expr))

    for node in document.walk():
        if not isinstance(node, nodes.Call):
            continue
        problem = function_problem(node)
        if problem is not None:
            problems.append(problem)
            continue
        function = lookup(node.name)
        problem = arity_problem(node, function)
        if problem is not None:
            problems.append(problem)
        if function.writes_output and id(node) not in statement_calls:
            problems.append(
                AmpscriptSyntaxError(
                    f"{function.name} writes into the message and returns nothing, so it cannot be used as a value",
                    line=node.line,
                    column=node.column,
                    hint=f"call it as a statement of its own inside %%[ ]%%, or use V(...) in %%= =%%",
                )
            )
        for position in function.output_args:
            if position < len(node.args) and not isinstance(node.args[position], nodes.Variable):
                argument = node.args[position]
                problems.append(
                    AmpscriptSyntaxError(
                        f"argument {position + 1} of {function.name} receives a result, so it must be an @variable",
                        line=argument.line,
                        column=argument.column,
                        hint=f"pass a variable, as in {function.signature}",
                    )
                )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


# ----------------------------------------------------------------- compiling


def _runtime_error(error: FunctionError, name: str, node: nodes.Node) -> AmpscriptRuntimeError:
    # An error without its own hint points at the arguments the call takes.
    hint = error.hint
    if hint is None:
        function = lookup(name)
        if function is not None:
            hint = f"the function takes {function.signature}; check the value before the call, e.g. with IF"
    return AmpscriptRuntimeError(
        f"{name}: {error.message}", function=name, line=node.line, column=node.column, hint=hint
    )


def check_output_length(state: RenderState, node: nodes.Node) -> None:
    """Stop a render whose output has grown past MAX_OUTPUT_LENGTH characters."""
    size = sum(map(len, state.out))
    if size > MAX_OUTPUT_LENGTH:
        raise AmpscriptRuntimeError(
            f"the message has grown to {size} characters, more than the {MAX_OUTPUT_LENGTH} ampsms allows",
            line=node.line,
            column=node.column,
            hint="check the loop's bounds and what it outputs on each pass",
        )


def _place(error: AmpscriptRuntimeError, node: nodes.Node) -> None:
    """Give an error raised inside a built-in the position of the call, unless it has one."""
    if error.line is None:
        error.line, error.column = node.line, node.column


def _constant(value: Any) -> Evaluator:
    return lambda state: value


class _Compiler:
    """Turn nodes into closures. The tree is assumed to have passed check_document."""

    # -- expressions ---------------------------------------------------------
    def expr(self, node: nodes.Node) -> Evaluator:
        method = getattr(self, "expr_" + type(node).__name__)
        return method(node)

    def expr_StringLiteral(self, node: nodes.StringLiteral) -> Evaluator:
        return _constant(node.value)

    def expr_NumberLiteral(self, node: nodes.NumberLiteral) -> Evaluator:
        return _constant(node.value)

    def expr_BooleanLiteral(self, node: nodes.BooleanLiteral) -> Evaluator:
        return _constant(node.value)

    def expr_Variable(self, node: nodes.Variable) -> Evaluator:
        key = node.name

        def variable(state: RenderState) -> Any:
            return state.variables.get(key)

        return variable

    def expr_Attribute(self, node: nodes.Attribute) -> Evaluator:
        key = attribute_key(node.name)
        shown = f"[{node.name}]" if node.bracketed else node.name

        def attribute(state: RenderState) -> Any:
            found, value = resolve_attribute_key(state.context, key)
            if found:
                return value
            # Project decision: an unknown attribute in code reads as "", and
            # strict mode makes it an error.
            if state.context.strict:
                raise AmpscriptRuntimeError(
                    f"unknown attribute {shown}",
                    line=node.line,
                    column=node.column,
                    hint="add it to the context's attributes, or read it with AttributeValue() to allow a missing value",
                )
            state.note("unknown-attribute", f"attribute {shown} is not in the context and reads as empty", node)
            return ""

        return attribute

    def expr_Msg(self, node: nodes.Msg) -> Evaluator:
        index = self.expr(node.index)
        member = node.member
        noun_index = self.expr(node.noun_index) if node.noun_index is not None else None

        def whole(value: Any, what: str) -> int:
            number = try_number(value) if type(value) is not bool else None
            if number is None or not is_whole(number):
                raise AmpscriptRuntimeError(
                    f"{what} must be a whole number, not {to_text(value)!r}", line=node.line, column=node.column
                )
            return int(number)

        # MSG(0) is almost always written with a literal 0, which needs no
        # check at render time.
        literal_zero = isinstance(node.index, nodes.NumberLiteral) and node.index.value == 0
        literal_noun = node.noun_index.value if isinstance(node.noun_index, nodes.NumberLiteral) else None

        def msg(state: RenderState) -> Any:
            position = 0 if literal_zero else whole(index(state), "the MSG index")
            if position != 0:
                raise AmpscriptRuntimeError(
                    f"MSG({position}) is not available: MobileConnect only gives the current inbound message, MSG(0)",
                    line=node.line,
                    column=node.column,
                    hint="read the inbound message with MSG(0)",
                )
            if state.context.inbound is None:
                state.note("no-inbound", "the template reads MSG(0) but the context has no inbound message", node)
            if member is None:
                return state.inbound_text()
            verb, nouns, words = state.inbound_parts()
            if member == "verb":
                return verb
            if member == "nouns":
                return nouns
            word = literal_noun if type(literal_noun) is int else whole(noun_index(state), "the NOUN index")
            if 0 <= word < len(words):
                return words[word]
            return ""

        return msg

    def expr_Not(self, node: nodes.Not) -> Evaluator:
        operand = self.expr(node.operand)
        return lambda state: not is_true(operand(state))

    def expr_Logic(self, node: nodes.Logic) -> Evaluator:
        first = self.expr(node.first)
        rest = [(op == "AND", self.expr(operand)) for op, operand in node.rest]

        def logic(state: RenderState) -> bool:
            # AND and OR share one precedence level and apply from left to
            # right. An operand whose result cannot change the outcome is not
            # evaluated.
            value = is_true(first(state))
            for is_and, operand in rest:
                if is_and:
                    if value:
                        value = is_true(operand(state))
                elif not value:
                    value = is_true(operand(state))
            return value

        return logic

    def expr_Compare(self, node: nodes.Compare) -> Evaluator:
        op = node.op
        left = self.expr(node.left)
        right = self.expr(node.right)
        return lambda state: compare(op, left(state), right(state))

    def expr_Call(self, node: nodes.Call) -> Evaluator:
        function = lookup(node.name)
        impl = function.impl
        name = function.name
        args: list[Evaluator] = []
        for position, argument in enumerate(node.args):
            if function.text_args and isinstance(argument, nodes.BooleanLiteral):
                # Project decision: a literal true or false written straight
                # into a string function contributes "", as observed on
                # Marketing Cloud. A boolean in a variable prints True.
                args.append(_constant(""))
            elif function.writes_output and not isinstance(argument, nodes.Call):
                # Project decision: Output(literal) and Output(@var) write
                # nothing, as observed on Marketing Cloud.
                continue
            elif position in function.output_args:
                args.append(self._setter(argument))
            else:
                args.append(self.expr(argument))

        if function.lazy:
            return self._lazy_call(node, impl, name, args)
        return self._call(node, impl, name, args)

    def _setter(self, argument: nodes.Variable) -> Evaluator:
        key = argument.name

        def make_setter(state: RenderState) -> Callable[[Any], None]:
            def set_value(value: Any) -> None:
                state.variables[key] = value

            return set_value

        return make_setter

    def _call(self, node, impl, name, args) -> Evaluator:
        # One closure per common argument count avoids building a list on
        # every call, which is most of the cost of a call on the render path.
        count = len(args)
        if count == 0:

            def call(state):
                try:
                    return impl(state)
                except FunctionError as error:
                    raise _runtime_error(error, name, node) from None
                except AmpscriptRuntimeError as error:
                    _place(error, node)
                    raise

        elif count == 1:
            (a,) = args

            def call(state):
                value = a(state)
                try:
                    return impl(state, value)
                except FunctionError as error:
                    raise _runtime_error(error, name, node) from None
                except AmpscriptRuntimeError as error:
                    _place(error, node)
                    raise

        elif count == 2:
            a, b = args

            def call(state):
                first = a(state)
                second = b(state)
                try:
                    return impl(state, first, second)
                except FunctionError as error:
                    raise _runtime_error(error, name, node) from None
                except AmpscriptRuntimeError as error:
                    _place(error, node)
                    raise

        else:

            def call(state):
                values = [arg(state) for arg in args]
                try:
                    return impl(state, *values)
                except FunctionError as error:
                    raise _runtime_error(error, name, node) from None
                except AmpscriptRuntimeError as error:
                    _place(error, node)
                    raise

        return call

    def _lazy_call(self, node, impl, name, args) -> Evaluator:
        def call(state):
            thunks = [lambda arg=arg: arg(state) for arg in args]
            try:
                return impl(state, *thunks)
            except FunctionError as error:
                raise _runtime_error(error, name, node) from None
            except AmpscriptRuntimeError as error:
                _place(error, node)
                raise

        return call

    # -- statements and content -----------------------------------------------
    def body(self, items: list[nodes.Node]) -> Executor:
        steps = [step for step in (self.stmt(item) for item in items) if step is not None]
        if not steps:
            return lambda state: None
        if len(steps) == 1:
            return steps[0]

        def run(state: RenderState) -> None:
            for step in steps:
                step(state)

        return run

    def stmt(self, node: nodes.Node) -> Executor | None:
        method = getattr(self, "stmt_" + type(node).__name__)
        return method(node)

    def stmt_Text(self, node: nodes.Text) -> Executor:
        value = node.value
        return lambda state: state.out.append(value)

    def stmt_Inline(self, node: nodes.Inline) -> Executor:
        expr = self.expr(node.expr)
        return lambda state: state.out.append(to_text(expr(state)))

    def stmt_Personalization(self, node: nodes.Personalization) -> Executor:
        key = attribute_key(node.name)
        raw = node.raw

        def personalize(state: RenderState) -> None:
            found, value = resolve_attribute_key(state.context, key)
            if found:
                state.out.append(to_text(value))
                return
            # Project decision: an unknown %%Name%% is left as written, as
            # Marketing Cloud's SMS preview does. Strict mode makes it an error.
            if state.context.strict:
                raise AmpscriptRuntimeError(
                    f"unknown personalization string {raw}",
                    line=node.line,
                    column=node.column,
                    hint="add the attribute to the context, or fix the name",
                )
            state.note("unknown-personalization", f"{raw} is not in the context and is left as written", node)
            state.out.append(raw)

        return personalize

    def stmt_MsgPersonalization(self, node: nodes.MsgPersonalization) -> Executor:
        expr = self.expr(node.msg)
        return lambda state: state.out.append(to_text(expr(state)))

    def stmt_Var(self, node: nodes.Var) -> Executor:
        keys = list(node.names)

        def declare(state: RenderState) -> None:
            # Project decision: VAR of an existing variable resets it to null.
            for key in keys:
                state.variables[key] = None

        return declare

    def stmt_Set(self, node: nodes.Set) -> Executor:
        key = node.name
        expr = self.expr(node.expr)

        def assign(state: RenderState) -> None:
            value = expr(state)
            if type(value) is str and len(value) > MAX_TEXT_LENGTH:
                raise AmpscriptRuntimeError(
                    f"@{key} would hold {len(value)} characters, more than the {MAX_TEXT_LENGTH} ampsms allows",
                    line=node.line,
                    column=node.column,
                    hint="check for a value that grows on every pass of a loop",
                )
            state.variables[key] = value

        return assign

    def stmt_If(self, node: nodes.If) -> Executor:
        branches = [(self.expr(branch.condition), self.body(branch.body)) for branch in node.branches]
        otherwise = self.body(node.else_body) if node.else_body is not None else None

        def choose(state: RenderState) -> None:
            for condition, body in branches:
                if is_true(condition(state)):
                    body(state)
                    return
            if otherwise is not None:
                otherwise(state)

        return choose

    def stmt_For(self, node: nodes.For) -> Executor:
        key = node.name
        start = self.expr(node.start)
        end = self.expr(node.end)
        body = self.body(node.body)
        step = -1 if node.downto else 1

        def bound(value: Any, which: str) -> int:
            number = try_number(value) if type(value) is not bool else None
            if number is None or not is_whole(number):
                raise AmpscriptRuntimeError(
                    f"the {which} of a FOR loop must be a whole number, not {to_text(value)!r}",
                    line=node.line,
                    column=node.column,
                    hint="loop over whole numbers, e.g. FOR @i = 1 TO RowCount(@rows) DO",
                )
            return int(number)

        def loop(state: RenderState) -> None:
            # Both bounds are evaluated once, before the first pass. Setting
            # the counter inside the body does not change the passes.
            first = bound(start(state), "start")
            last = bound(end(state), "end")
            counter = first
            for counter in range(first, last + step, step):
                state.iterations += 1
                if state.iterations > MAX_LOOP_ITERATIONS:
                    raise AmpscriptRuntimeError(
                        f"FOR loops ran more than {MAX_LOOP_ITERATIONS} passes in one render",
                        line=node.line,
                        column=node.column,
                        hint="check the loop bounds; Marketing Cloud stops loops that do not converge",
                    )
                state.variables[key] = counter
                body(state)
                if state.iterations % 64 == 0:
                    check_output_length(state, node)
            else:
                # After the loop the counter is one step past the end, as in
                # Salesforce Labs' engine. With no pass it keeps the start.
                if (step > 0 and first <= last) or (step < 0 and first >= last):
                    counter = last + step
            state.variables[key] = counter

        return loop

    def stmt_ExprStatement(self, node: nodes.ExprStatement) -> Executor | None:
        if isinstance(node.expr, nodes.Call):
            call = self.expr(node.expr)

            def run(state: RenderState) -> None:
                call(state)

            return run
        # A bare expression that is not a call is parsed and ignored, as
        # Marketing Cloud's interpreter does.
        return None


def compile_document(document: nodes.Document) -> Executor:
    """Compile a checked Document into one executor closure."""
    try:
        return _Compiler().body(document.body)
    except RecursionError:
        # The parser limits nesting, so only a caller whose own stack is already deep gets here.
        raise AmpscriptSyntaxError(
            "the template nests too deeply to compile here", hint="flatten nested calls and conditions"
        ) from None


_CONTEXT_KEYWORDS = set(inspect.signature(make_context).parameters)


def compile_template(source: str, *, name: str | None = None) -> "Template":
    """Parse and check a template, raising its first compile-time error, and compile it."""
    document = parse(source, name=name)
    problems = check_document(document)
    if problems:
        first = problems[0]
        first.locate(source, name)
        raise first
    return Template(document, source, name)


class Template:
    """A compiled template: parse and check once, then render for many contexts."""

    def __init__(self, document: nodes.Document, source: str, name: str | None = None) -> None:
        self.document = document
        self.source = source
        self.name = name
        self._execute = compile_document(document)

    def __repr__(self) -> str:
        return f"<Template {self.name or '<template>'}>"

    def run(self, *, context: RenderContext | None = None, **parts: Any) -> RenderResult:
        """Render for one context and return the text with everything the render recorded.

        Pass the context parts as keywords (see ampsms.context), or a prepared
        RenderContext as ``context``. Raises AmpscriptRuntimeError when the
        render fails: like Marketing Cloud, a failed render produces no text.
        """
        if context is None:
            unknown = set(parts) - _CONTEXT_KEYWORDS
            if unknown:
                raise TypeError(
                    f"render() got unknown context parts {', '.join(sorted(unknown))}; "
                    f"the parts are {', '.join(sorted(_CONTEXT_KEYWORDS))}"
                )
            context = make_context(**parts)
        elif parts:
            raise TypeError("pass either context= or context parts, not both")
        state = RenderState(context)
        try:
            self._execute(state)
        except AmpscriptError as error:
            error.locate(self.source, self.name)
            raise
        except RecursionError:
            # The parser limits nesting, so only a caller whose own stack is already deep gets here.
            raise AmpscriptRuntimeError(
                "the template nests too deeply to render here", hint="flatten nested calls and conditions"
            ) from None
        return RenderResult("".join(state.out), state.http_calls, state.actions, state.notes)

    def execute(self, state: RenderState) -> None:
        """Run the template in an existing render state, as content rendered by TreatAsContent does."""
        self._execute(state)

    def render(self, *, context: RenderContext | None = None, **parts: Any) -> str:
        """Render for one context and return the message text exactly."""
        return self.run(context=context, **parts).text
