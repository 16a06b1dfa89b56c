"""Text positions in UTF-16 code units, the unit Marketing Cloud counts in.

An emoji outside the Basic Multilingual Plane is one Python character but two
UTF-16 code units, so ``Length`` reports 2 for it and ``Substring`` and
``IndexOf`` count it twice.
"""

from __future__ import annotations

__all__ = ["has_astral", "unit_index", "utf16_length", "utf16_slice"]


def has_astral(text: str) -> bool:
    """Tell whether text contains a character above U+FFFF."""
    return not text.isascii() and any(ord(c) > 0xFFFF for c in text)


def utf16_length(text: str) -> int:
    """Return the length of text in UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def unit_index(text: str, index: int) -> int:
    """Convert a Python character index into a UTF-16 code unit index."""
    if text.isascii():
        return index
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def utf16_slice(text: str, start: int, stop: int) -> str:
    """Slice text by 0-based UTF-16 code unit positions.

    A slice that cuts a surrogate pair keeps the lone half, as .NET does.
    """
    if not has_astral(text):
        return text[start:stop]
    data = text.encode("utf-16-le", "surrogatepass")
    return data[2 * start : 2 * stop].decode("utf-16-le", "surrogatepass")
