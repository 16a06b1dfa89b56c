"""Built-in AMPscript functions, registered by name in one case-insensitive registry.

Importing this package registers every built-in; each module holds one
category of the Marketing Cloud function reference.
"""

from . import content, data, dates, encoding, formatting, http, math, mobile, rowsets, strings, utility  # noqa: F401  (importing registers the functions)
from .registry import FUNCTIONS, Builtin, FunctionError, lookup

__all__ = ["Builtin", "FUNCTIONS", "FunctionError", "lookup"]
