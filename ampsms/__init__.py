"""ampsms: render, preview, lint, test and fuzz AMPscript SMS templates for MobileConnect.

Compile a template once, then render it for as many contexts as needed::

    import ampsms

    template = ampsms.compile(source, name="stock-quote.amp")
    text = template.render(inbound="STOCK crm", mobile_number="15555551212",
                           http={"https://quotes.example.com/?s=crm": "CRM 212.40"})
"""

from __future__ import annotations

from typing import Any

from .compiler import RenderResult, Template, check_document, compile_template
from .context import RenderContext, make_context
from .errors import (
    AmpscriptError,
    AmpscriptRuntimeError,
    AmpscriptSyntaxError,
    ContextError,
    RaiseErrorCalled,
)
from .parser import parse
from .sms import SmsInfo
from .sms import analyze as analyze_sms

__all__ = [
    "AmpscriptError",
    "AmpscriptRuntimeError",
    "AmpscriptSyntaxError",
    "ContextError",
    "RaiseErrorCalled",
    "RenderContext",
    "RenderResult",
    "SmsInfo",
    "Template",
    "analyze_sms",
    "compile",
    "make_context",
    "parse",
    "render",
]

__version__ = "0.1.0"


def compile(source: str, *, name: str | None = None) -> Template:
    """Parse and check a template once, for rendering many times.

    Raises AmpscriptSyntaxError for text that Marketing Cloud would reject:
    a parse error, an unknown or unsupported function, or a wrong argument
    count anywhere in the template, even in a branch that never runs.
    """
    return compile_template(source, name=name)


def render(
    source: str,
    *,
    attributes: dict[str, Any] | None = None,
    mobile_number: str | None = None,
    short_code: str | None = None,
    inbound: str | None = None,
    http: dict[str, Any] | None = None,
    now: Any = None,
    **more: Any,
) -> str:
    """Compile a template and render it for one context; return the message text exactly.

    The keywords are the context parts (see ampsms.context); ``more`` takes
    the rest: ``data_extensions``, ``seed``, ``utc_offset``,
    ``allow_network`` and ``strict``.
    """
    return compile(source).render(
        attributes=attributes,
        mobile_number=mobile_number,
        short_code=short_code,
        inbound=inbound,
        http=http,
        now=now,
        **more,
    )
