"""Errors raised while compiling and rendering AMPscript templates.

The tree is small on purpose::

    AmpscriptError                  anything wrong with a template or its run
    ├── AmpscriptSyntaxError        found by compile(): parse errors, unknown
    │                               functions, wrong argument counts
    └── AmpscriptRuntimeError       found while rendering one context
        └── RaiseErrorCalled        the template called RaiseError()

    ContextError (ValueError)       an invalid render context or context file

Every AmpscriptError carries the 1-based ``line`` and ``column`` of the
offending code. ``str(error)`` shows ``name:line:column: message``, then the
source line and a caret under the column, then the hint when there is one.
"""

from __future__ import annotations

__all__ = [
    "AmpscriptError",
    "AmpscriptRuntimeError",
    "AmpscriptSyntaxError",
    "ContextError",
    "RaiseErrorCalled",
]


class AmpscriptError(Exception):
    """A problem in a template, located by line and column."""

    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        source_name: str | None = None,
        source_line: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.source_name = source_name
        self.source_line = source_line
        self.hint = hint

    def locate(self, source: str, source_name: str | None) -> None:
        """Fill in the source name and the text of the error's line."""
        if self.source_name is None:
            self.source_name = source_name
        if self.source_line is None and self.line is not None:
            lines = source.splitlines()
            if 1 <= self.line <= len(lines):
                self.source_line = lines[self.line - 1]

    @property
    def location(self) -> str:
        """``name:line:column``, leaving out the parts that are unknown."""
        parts = [self.source_name or "<template>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.source_line is not None:
            shown = self.source_line.expandtabs(1)
            text += f"\n    {shown}"
            if self.column is not None:
                text += "\n    " + " " * (self.column - 1) + "^"
        if self.hint:
            text += f"\nhint: {self.hint}"
        return text

    def to_dict(self) -> dict:
        """Return the error as plain data, for JSON output."""
        return {
            "kind": self.kind,
            "message": self.message,
            "path": self.source_name,
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


class AmpscriptSyntaxError(AmpscriptError):
    """The template cannot be compiled: Marketing Cloud would reject it before sending."""

    kind = "syntax"


class AmpscriptRuntimeError(AmpscriptError):
    """Rendering failed for one context: Marketing Cloud sends no message at all."""

    kind = "runtime"

    def __init__(self, message: str, *, function: str | None = None, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.function = function

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["function"] = self.function
        return data


class RaiseErrorCalled(AmpscriptRuntimeError):
    """The template called ``RaiseError``.

    ``skip_subscriber_only`` decides what Marketing Cloud does next. When true
    it skips only this recipient and the send goes on, and when false the
    whole send stops. ``api_error_code`` and ``api_error_number`` are the codes an API
    caller receives. ``keep_data_extension_writes`` is true when data
    extension writes made before the error are kept.
    """

    kind = "raise-error"

    def __init__(
        self,
        message: str,
        *,
        skip_subscriber_only: bool = False,
        api_error_code: str | None = None,
        api_error_number: int | None = None,
        keep_data_extension_writes: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(message, **kwargs)
        self.skip_subscriber_only = skip_subscriber_only
        self.api_error_code = api_error_code
        self.api_error_number = api_error_number
        self.keep_data_extension_writes = keep_data_extension_writes

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["skip_subscriber_only"] = self.skip_subscriber_only
        data["api_error_code"] = self.api_error_code
        data["api_error_number"] = self.api_error_number
        data["keep_data_extension_writes"] = self.keep_data_extension_writes
        return data


class ContextError(ValueError):
    """The render context, or a context file, is invalid."""
