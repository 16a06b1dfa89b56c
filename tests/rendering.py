"""Helpers for function tests: render a template, or capture the error it raises."""

from __future__ import annotations

import pytest

import ampsms


def render(source: str, **parts) -> str:
    """Compile and render a template for one context."""
    return ampsms.render(source, **parts)


def runtime_error(source: str, **parts) -> ampsms.AmpscriptRuntimeError:
    """Render a template that must fail while rendering, and return the error."""
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.render(source, **parts)
    return caught.value


def syntax_error(source: str) -> ampsms.AmpscriptSyntaxError:
    """Compile a template that must be rejected, and return the error."""
    with pytest.raises(ampsms.AmpscriptSyntaxError) as caught:
        ampsms.compile(source)
    return caught.value
