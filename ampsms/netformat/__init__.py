""".NET format strings for numbers and dates, with the culture data they need."""

from .cultures import INVARIANT, SUPPORTED_NAMES, Culture, find_culture, is_real_culture_name
from .dates import format_date
from .numbers import FormatError, format_number, parse_number

__all__ = [
    "INVARIANT",
    "SUPPORTED_NAMES",
    "Culture",
    "FormatError",
    "find_culture",
    "format_date",
    "format_number",
    "is_real_culture_name",
    "parse_number",
]
