"""Rendering: the message each context file beside a template renders to, its length and encoding.

A template NAME.amp is rendered once with each of NAME.json, NAME.toml and
every *.json and *.toml file in a NAME.contexts/ folder, when they exist.
A template with no context file is not rendered.
"""

from __future__ import annotations

from ...compiler import RenderResult, Template
from ...errors import AmpscriptError, RaiseErrorCalled
from ...sms import analyze, is_gsm
from ..diagnostics import Severity
from .base import Rule, RuleContext, register
from .characters import describe_char, message_text_pieces
from .functions import compile_problems


def render_all(context: RuleContext) -> list[tuple[str, RenderResult | AmpscriptError]]:
    """Render the template with each context; return the result, or the error, per context name.

    A template with compile-time errors is not rendered (FN rules report
    them). A render that calls RaiseError is left out: stopping the message
    is what the template asked for.
    """
    cached = context.cache.get("renders")
    if cached is not None:
        return cached
    results: list[tuple[str, RenderResult | AmpscriptError]] = []
    if context.contexts and not compile_problems(context):
        template = Template(context.document, context.source, context.path)
        for name, render_context in context.contexts:
            try:
                results.append((name, template.run(context=render_context)))
            except RaiseErrorCalled:
                continue
            except AmpscriptError as error:
                results.append((name, error))
    context.cache["renders"] = results
    return results


@register
class SegmentBudget(Rule):
    """Report a rendered message that takes more SMS segments than max-segments allows.

    Each segment is billed, and a reply to an inbound text (to STOP or HELP
    above all) should arrive as one SMS. The default budget is one
    segment: 160 GSM-7 characters, or 70 when the message is UCS-2.
    Salesforce's MobileConnect guideline caps a message at 10 parts; raise
    ``max-segments`` in ``[tool.ampsms.lint]`` for longer messages. The
    template is rendered with every context file beside it.

    Fails:

        Your order has shipped and is on its way to the address you gave us. Track it any time at https://example.com/track and reply HELP for help or STOP to opt out of these messages.

    Passes:

        Your order has shipped. Track it at https://example.com/track. Reply STOP to opt out.
    """

    code = "LN01"
    name = "segment-budget"
    example_context = {}
    summary = "The rendered message takes more SMS segments than max-segments allows."
    severity = Severity.ERROR

    def check(self, context):
        maximum = context.config.max_segments
        for name, result in render_all(context):
            if not isinstance(result, RenderResult):
                continue
            info = analyze(result.text)
            if info.segments <= maximum:
                continue
            unit = "segment" if maximum == 1 else "segments"
            hint = f"shorten the text, or raise max-segments under [tool.ampsms.lint] (now {maximum})"
            if not info.is_gsm and info.non_gsm:
                first = info.non_gsm[0]
                hint = (
                    f"the message is UCS-2 because of {describe_char(first.char, first.code_point)}, so an SMS "
                    f"holds 70 characters instead of 160; {hint}"
                )
            yield self.report(
                context,
                1,
                1,
                f"rendered with {name}, the message takes {info.segments} SMS segments "
                f"({info.encoding}, length {info.length}), more than the maximum of {maximum} {unit}",
                hint,
            )


@register
class DataMakesUcs2(Rule):
    """Report a message that renders as UCS-2 although the template's own text is all GSM-7.

    The characters come from the data: a contact attribute (a name like
    Raphaël), the inbound text or an HttpGet reply. The message then carries
    70 characters per SMS instead of 160, which can multiply its segments.
    Clean the value in code (``Replace``) or budget for UCS-2. Rendered with
    every context file beside the template; this example assumes a context
    whose attribute FirstName is Raphaël.

    Fails:

        Hi %%=v(AttributeValue("FirstName"))=%%, your table is ready.

    Passes:

        Hi %%=v(Replace(AttributeValue("FirstName"), "ë", "e"))=%%, your table is ready.
    """

    code = "LN02"
    name = "data-makes-ucs2"
    example_context = {"attributes": {"FirstName": "Raphaël"}}
    summary = "The rendered message is UCS-2 because of characters that come from the data."
    severity = Severity.WARNING

    def check(self, context):
        renders = [(name, result) for name, result in render_all(context) if isinstance(result, RenderResult)]
        if not renders or not all(is_gsm(text) for text, _offsets in message_text_pieces(context)):
            return
        for name, result in renders:
            info = analyze(result.text)
            if info.is_gsm:
                continue
            distinct = []
            for record in info.non_gsm:
                if record.char not in [item.char for item in distinct]:
                    distinct.append(record)
            shown = ", ".join(describe_char(item.char, item.code_point) for item in distinct[:3])
            more = f" and {len(distinct) - 3} more" if len(distinct) > 3 else ""
            yield self.report(
                context,
                1,
                1,
                f"rendered with {name}, the message is sent as UCS-2 because the data brings {shown}{more}",
                "replace such characters in code (Replace), or budget for 70 characters per SMS",
            )


@register
class RenderFailure(Rule):
    """Report a runtime error while rendering the template with a context file beside it.

    Marketing Cloud sends nothing when a render fails, so a context that
    makes the template fail is a message that never arrives: a non-numeric
    value passed to Add, a missing HttpGet mock, a negative Substring length.
    A render that calls RaiseError is not reported. This example assumes a
    context whose inbound text is ``PRICE``, with no words after the keyword.

    Fails:

        %%=Add(MSG(0).NOUN(0), 1)=%%

    Passes:

        %%=IIf(Empty(MSG(0).NOUN(0)), "Send a number", Add(MSG(0).NOUN(0), 1))=%%
    """

    code = "LN03"
    name = "render-failure"
    example_context = {"inbound": "PRICE"}
    summary = "Rendering with a context file beside the template fails with a runtime error."
    severity = Severity.ERROR

    def check(self, context):
        for name, result in render_all(context):
            if isinstance(result, AmpscriptError):
                yield self.report(
                    context,
                    result.line or 1,
                    result.column or 1,
                    f"rendering with {name} fails: {result.message}",
                    result.hint,
                )
