"""Functions: unknown or unsupported names, argument counts and literal argument types.

The first three rules call the compiler's own checks (function_problem,
arity_problem and check_document), so ``ampsms lint`` reports exactly what
``ampsms render`` would reject before rendering.
"""

from __future__ import annotations

from decimal import Decimal

from ... import nodes
from ...compiler import arity_problem, check_document, function_problem
from ...functions import lookup
from ...errors import AmpscriptSyntaxError
from ...functions.catalog import CATALOG
from ...functions.registry import FunctionError, number_arg, ordinal, whole_number_arg
from ..analysis import is_literal
from ..diagnostics import Severity
from .base import Rule, RuleContext, register

UNKNOWN, UNSUPPORTED, ARITY = "unknown", "unsupported", "arity"

_CATALOG_NAMES = frozenset(name.lower() for name in CATALOG)


def call_problems(context: RuleContext) -> dict[int, tuple[str, AmpscriptSyntaxError]]:
    """Return the compiler's problem with each call, keyed by the call's id, worked out once per template.

    The kind is UNKNOWN for a name Marketing Cloud does not have, UNSUPPORTED
    for one it has but SMS cannot run, and ARITY for a wrong argument count.
    """
    cached = context.cache.get("call-problems")
    if cached is None:
        cached = {}
        for call in context.analysis.calls:
            problem = function_problem(call)
            if problem is not None:
                # function_problem reports names outside Marketing Cloud's catalog as unknown.
                kind = UNSUPPORTED if call.name.lower() in _CATALOG_NAMES else UNKNOWN
                cached[id(call)] = (kind, problem)
                continue
            problem = arity_problem(call, lookup(call.name))
            if problem is not None:
                cached[id(call)] = (ARITY, problem)
        context.cache["call-problems"] = cached
    return cached


def compile_problems(context: RuleContext) -> list[AmpscriptSyntaxError]:
    """Return check_document's errors for the template, worked out once."""
    cached = context.cache.get("compile-problems")
    if cached is None:
        cached = context.cache["compile-problems"] = check_document(context.document)
    return cached


def _calls_with(context: RuleContext, kind: str):
    for call in context.analysis.calls:
        found = call_problems(context).get(id(call))
        if found is not None and found[0] == kind:
            yield call, found[1]


@register
class UnknownFunction(Rule):
    """Report a call to a function Marketing Cloud's AMPscript does not have.

    Marketing Cloud validates every call before it sends anything, so an
    unknown name fails the whole message, even in a branch that never runs.
    The hint names the closest known functions.

    Fails:

        %%=Concatt("Hi ", "there")=%%

    Passes:

        %%=Concat("Hi ", "there")=%%
    """

    code = "FN01"
    name = "unknown-function"
    summary = "A call names a function that AMPscript does not have."
    severity = Severity.ERROR

    def check(self, context):
        for call, problem in _calls_with(context, UNKNOWN):
            yield self.report_at(context, call, problem.message, problem.hint)


@register
class UnsupportedFunction(Rule):
    """Report a call to an AMPscript function that an SMS message cannot run.

    Email, CloudPage and CRM functions (``ContentBlockByKey``,
    ``CloudPagesURL``, ``RetrieveSalesforceObjects`` ...) exist in Marketing
    Cloud but have no meaning in a MobileConnect message. ampsms rejects them
    and gives the reason.

    Fails:

        %%=CloudPagesURL(123)=%%

    Passes:

        %%=Concat("https://example.com/p/", MOBILE_NUMBER)=%%
    """

    code = "FN02"
    name = "unsupported-function"
    summary = "A call names an AMPscript function that SMS templates cannot run."
    severity = Severity.ERROR

    def check(self, context):
        for call, problem in _calls_with(context, UNSUPPORTED):
            yield self.report_at(context, call, problem.message, problem.hint)


@register
class ArgumentCount(Rule):
    """Report a call with too few or too many arguments.

    Marketing Cloud checks argument counts before it runs anything, so a
    wrong count fails the whole message even in a branch that never runs.

    Fails:

        %%[ SET @name = AttributeValue("FirstName")
        IF Length(@name) > 12 THEN SET @name = Substring(@name) ENDIF ]%%Hi %%=v(@name)=%%

    Passes:

        %%[ SET @name = AttributeValue("FirstName")
        IF Length(@name) > 12 THEN SET @name = Substring(@name, 1, 12) ENDIF ]%%Hi %%=v(@name)=%%
    """

    code = "FN03"
    name = "argument-count"
    summary = "A call has too few or too many arguments for its function."
    severity = Severity.ERROR

    def check(self, context):
        for call, problem in _calls_with(context, ARITY):
            yield self.report_at(context, call, problem.message, problem.hint)


# Argument positions (0-based) that must hold a number, a whole number, a
# whole number that is not negative, or a whole number written without a
# decimal point, as each function checks them at run time.
NUMBER, WHOLE, COUNT, INTEGER = "number", "whole", "count", "integer"
_ARGUMENT_KINDS: dict[str, dict[int, str]] = {
    "add": {0: NUMBER, 1: NUMBER},
    "subtract": {0: NUMBER, 1: NUMBER},
    "multiply": {0: NUMBER, 1: NUMBER},
    "divide": {0: NUMBER, 1: NUMBER},
    "mod": {0: NUMBER, 1: NUMBER},
    "substring": {1: WHOLE, 2: COUNT},
    "char": {0: WHOLE, 1: COUNT},
    "indexof": {2: WHOLE},
    # Marketing Cloud rejects any decimal bound of Random, even 1.0.
    "random": {0: INTEGER, 1: INTEGER},
    "dateadd": {1: WHOLE},
}


def literal_argument_problem(argument: nodes.Node, position: int, kind: str, text_args: bool) -> str | None:
    """Return why a literal argument fails its function's check at run time, or None when it passes.

    The number checks are the registry's own number_arg and whole_number_arg,
    so the linter and the renderer agree on what a number is. ``text_args``
    is the function's flag that turns a literal true or false into "".
    """
    value = argument.value
    if text_args and isinstance(argument, nodes.BooleanLiteral):
        value = ""
    try:
        if kind == NUMBER:
            number_arg(value, position + 1)
            return None
        number = whole_number_arg(value, position + 1)
    except FunctionError as error:
        return error.message
    if kind == COUNT and number < 0:
        return f"the {ordinal(position + 1)} argument must not be negative, got {number}"
    if kind == INTEGER and _written_with_decimal_point(argument):
        return (
            f"the {ordinal(position + 1)} argument must be a whole number written without a decimal point, "
            f"not {_shown(argument)}"
        )
    return None


def _written_with_decimal_point(argument: nodes.Node) -> bool:
    if isinstance(argument, nodes.NumberLiteral):
        return isinstance(argument.value, Decimal)
    return isinstance(argument, nodes.StringLiteral) and "." in argument.value


def _shown(argument: nodes.Node) -> str:
    if isinstance(argument, nodes.NumberLiteral):
        return argument.text
    return repr(argument.value)


@register
class LiteralArgumentType(Rule):
    """Report a literal argument that its function is certain to reject when the message renders.

    Math functions (Add, Subtract, Multiply, Divide, Mod) need numbers or
    numeric text, and anything else stops the message, words and booleans
    included. Substring, Char, IndexOf, DateAdd and Random need whole
    numbers. Substring's length and Char's repeat count must not be
    negative, and Random rejects a decimal bound even when it is whole
    (1.0). Only literals are checked, because a variable's value is known
    only at run time.

    Fails:

        %%=Substring(AttributeValue("Code"), "a", 2)=%%

    Passes:

        %%=Substring(AttributeValue("Code"), 1, 2)=%%
    """

    code = "FN04"
    name = "literal-argument-type"
    summary = "A literal argument has a type its function rejects at run time."
    severity = Severity.ERROR

    def check(self, context):
        for call in context.analysis.calls:
            function = lookup(call.name)
            kinds = _ARGUMENT_KINDS.get(call.name.lower())
            if kinds is None:
                continue
            spelled = function.name if function is not None else call.name
            for position, kind in kinds.items():
                if position >= len(call.args) or not is_literal(call.args[position]):
                    continue
                argument = call.args[position]
                problem = literal_argument_problem(argument, position, kind, function is not None and function.text_args)
                if problem is not None:
                    yield self.report_at(
                        context,
                        argument,
                        f"{spelled}: {problem}",
                        "pass a number literal such as 2, or numeric text such as \"2\"",
                    )


@register
class InvalidCall(Rule):
    """Report the compiler's other checks of a call: Output used as a value, an output argument that is not a variable.

    ``Output`` and ``OutputLine`` write into the message and return nothing,
    so each must be a statement of its own. ``HttpGet``'s fourth argument
    receives the status, so it must be an @variable. Marketing Cloud rejects
    both mistakes before sending.

    Fails:

        %%[ SET @body = HttpGet("https://example.com/a", true, 0, "status") ]%%%%=v(@body)=%%

    Passes:

        %%[ SET @body = HttpGet("https://example.com/a", true, 0, @status)
        IF @status != 0 THEN SET @body = "Try again later." ENDIF ]%%%%=v(@body)=%%
    """

    code = "FN05"
    name = "invalid-call"
    summary = "A call breaks another compile-time rule of its function."
    severity = Severity.ERROR

    def check(self, context):
        covered = {(p.line, p.column, p.message) for _kind, p in call_problems(context).values()}
        for problem in compile_problems(context):
            if (problem.line, problem.column, problem.message) not in covered:
                yield self.report(context, problem.line or 1, problem.column or 1, problem.message, problem.hint)
