"""The Diagnostic record: one problem the linter found, whatever rule found it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum

__all__ = ["Diagnostic", "Severity"]


class Severity(str, Enum):
    """How much a diagnostic matters: any error makes ``ampsms lint`` exit 1."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Diagnostic:
    """A problem at a 1-based line and column of a template file.

    ``code`` is the rule's stable code (``FN01``) and ``rule`` its name
    (``unknown-function``). ``hint`` is what to do about it, when the rule
    can tell.
    """

    code: str
    rule: str
    severity: Severity
    path: str
    line: int
    column: int
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        """True when the diagnostic fails the lint run."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        """Order by file, then position, then code."""
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        """Return the diagnostic as plain data, for JSON output."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data
