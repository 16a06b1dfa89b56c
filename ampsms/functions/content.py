"""TreatAsContent, and the rendering of text as AMPscript inside the current render.

TreatAsContent and URLEncode both run AMPscript found in a value, as in
``SET @url = "https://x.io/?n=%%=Add(1,2)=%%"``. The text runs with the same
variables and context as the template around it: a variable set inside is
visible after the call, and the text it writes becomes the function's result.
"""

from __future__ import annotations

import dataclasses
from contextvars import ContextVar

from ..errors import AmpscriptRuntimeError, AmpscriptSyntaxError, RaiseErrorCalled
from ..values import to_text
from .registry import FunctionError, builtin

# Content that renders content (TreatAsContent of a variable that contains
# a call to TreatAsContent of itself) would recurse without end. Marketing
# Cloud documents no depth limit, so ampsms sets its own.
MAX_CONTENT_DEPTH = 20
# Compiled content texts kept for reuse by later calls and renders.
MAX_CACHED_CONTENT = 256

_depth: ContextVar[int] = ContextVar("ampsms_content_depth", default=0)
_compiled: dict[str, object] = {}


def _needs_rendering(text: str) -> bool:
    return "%%" in text or "<script" in text.lower()


def _compile(text: str):
    """Return the compiled template for a content text, compiling it once; a syntax error becomes a FunctionError."""
    entry = _compiled.get(text)
    if entry is None:
        # Imported here because the compiler imports this package.
        from ..compiler import compile_template

        try:
            entry = compile_template(text)
        except AmpscriptSyntaxError as error:
            entry = error
        if len(_compiled) >= MAX_CACHED_CONTENT:
            _compiled.pop(next(iter(_compiled)))
        _compiled[text] = entry
    if isinstance(entry, AmpscriptSyntaxError):
        raise FunctionError(
            f"the content is not valid AMPscript: {entry.message} (line {entry.line}, column {entry.column} of the content)",
            hint=entry.hint,
        )
    return entry


def render_fragment(state, text: str) -> str:
    """Render ``text`` as AMPscript content in the current render state and return what it writes.

    Text without ``%%`` or a script tag is returned as it is. A syntax error
    in the text, and a runtime error inside it, are reported at the calling
    function, with the position inside the content in the message.
    """
    if not _needs_rendering(text):
        return text
    template = _compile(text)
    depth = _depth.get()
    if depth >= MAX_CONTENT_DEPTH:
        raise FunctionError(
            f"content renders content more than {MAX_CONTENT_DEPTH} levels deep",
            hint="check for a variable whose content renders itself",
        )
    token = _depth.set(depth + 1)
    outer = state.out
    state.out = []
    notes_before = len(state.notes)
    try:
        template.execute(state)
        return "".join(state.out)
    except AmpscriptRuntimeError as error:
        # Positions inside the content do not point into the template, so
        # the error moves to the calling function and the message keeps them.
        # Content nested in content names only the innermost position.
        located = getattr(error, "content_position_named", False)
        if not isinstance(error, RaiseErrorCalled) and error.line is not None and not located:
            error.message = f"{error.message} (line {error.line}, column {error.column} of the content)"
            error.content_position_named = True
        error.line = error.column = None
        error.source_line = None
        raise
    finally:
        state.out = outer
        _depth.reset(token)
        _move_notes(state, notes_before)


def _move_notes(state, start: int) -> None:
    """Move notes recorded inside content off template positions, keeping the content position in the message."""
    for index in range(start, len(state.notes)):
        note = state.notes[index]
        if note.line is not None:
            message = f"{note.message} (line {note.line}, column {note.column} of the content)"
            state.notes[index] = dataclasses.replace(note, message=message, line=None, column=None)


@builtin(
    "TreatAsContent",
    1,
    1,
    signature="TreatAsContent(content)",
    example='TreatAsContent("1+1=%%=Add(1, 1)=%%") -> 1+1=2',
    category="Content",
)
def treat_as_content(state, content):
    """Render text as AMPscript content and return the text it writes.

    The content runs with the template's variables and context, so a
    variable it sets keeps its value after the call. A syntax error in the
    content is a runtime error of this call.
    """
    return render_fragment(state, to_text(content))
