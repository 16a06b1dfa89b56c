"""A JSONPath subset for BuildRowsetFromJSON.

Supported steps are the root ``$``, the members ``.name``, ``['name']`` and
``["name"]``, the wildcards ``.*`` and ``[*]``, array indexes ``[0]`` and
``[-1]``, index lists ``[0,2]``, slices ``[1:3]``, and recursive descent
``..name`` and ``..*``. Filters are ``[?(@.field)]`` and
``[?(@.field OP value)]``, with OP one of ``== != < <= > >=`` and a quoted
text, a number, ``true``, ``false`` or ``null`` as the value. Anything else
raises JsonPathError naming the unsupported part.
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["JsonNumber", "JsonPathError", "compile_path", "select"]

SUPPORTED = (
    "$, .name, ['name'], .*, [*], [n], [-n], [n,m], [start:end], ..name, ..*, "
    "[?(@.field)] and [?(@.field == value)] with == != < <= > >="
)


class JsonPathError(ValueError):
    """A JSONPath that is malformed or uses a feature ampsms does not support."""


class JsonNumber(str):
    """A JSON number kept as the text it was written as (``1.50`` stays ``1.50``)."""


Step = Callable[[list[Any]], list[Any]]


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node.values())
    if isinstance(node, list):
        return list(node)
    return []


def _descendants(node: Any) -> list[Any]:
    """Return the node and every value nested in it, parents before children."""
    found = [node]
    for child in _children(node):
        found.extend(_descendants(child))
    return found


def _member(name: str) -> Step:
    return lambda nodes: [node[name] for node in nodes if isinstance(node, dict) and name in node]


def _wildcard(nodes: list[Any]) -> list[Any]:
    return [child for node in nodes for child in _children(node)]


def _indexes(indexes: list[int]) -> Step:
    def step(nodes: list[Any]) -> list[Any]:
        picked = []
        for node in nodes:
            if not isinstance(node, list):
                continue
            for index in indexes:
                if -len(node) <= index < len(node):
                    picked.append(node[index])
        return picked

    return step


def _slice(start: int | None, stop: int | None) -> Step:
    return lambda nodes: [item for node in nodes if isinstance(node, list) for item in node[start:stop]]


def _recursive(inner: Step) -> Step:
    def step(nodes: list[Any]) -> list[Any]:
        everything = [found for node in nodes for found in _descendants(node)]
        return inner(everything)

    return step


_FILTER = re.compile(
    r"\?\(\s*@((?:\.[A-Za-z_$][\w$-]*)+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)\Z",
    re.DOTALL,
)
_MISSING = object()


def _literal(text: str, path: str) -> Any:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    try:
        return float(text)
    except ValueError:
        raise JsonPathError(f"the filter value {text!r} in {path!r} must be quoted text, a number, true, false or null") from None


def _field(node: Any, names: list[str]) -> Any:
    for name in names:
        if not isinstance(node, dict) or name not in node:
            return _MISSING
        node = node[name]
    return node


def _matches(value: Any, op: str, expected: Any) -> bool:
    # A number compares with a number and text with text; any other pair is unequal.
    if isinstance(expected, float):
        if not isinstance(value, (int, float, JsonNumber)) or isinstance(value, bool):
            return op == "!="
        value = float(value)
    elif type(value) is not type(expected):
        return op == "!="
    if op == "==":
        return value == expected
    if op == "!=":
        return value != expected
    if value is None or isinstance(value, bool):
        return False
    if op == "<":
        return value < expected
    if op == "<=":
        return value <= expected
    if op == ">":
        return value > expected
    return value >= expected


def _filter(expression: str, path: str) -> Step:
    match = None if "&&" in expression or "||" in expression else _FILTER.match(expression)
    if match is None:
        raise JsonPathError(
            f"the filter [{expression}] in {path!r} is not supported; ampsms supports {SUPPORTED}"
        )
    names = match.group(1).split(".")[1:]
    op = match.group(2)
    expected = _literal(match.group(3), path) if op else None

    def keep(node: Any) -> bool:
        value = _field(node, names)
        if value is _MISSING:
            return False
        if op is None:
            return True
        return _matches(value, op, expected)

    return lambda nodes: [child for node in nodes for child in _children(node) if keep(child)]


def _bracket(content: str, path: str) -> Step:
    content = content.strip()
    if content == "*":
        return _wildcard
    if content.startswith("?"):
        return _filter(content, path)
    if len(content) >= 2 and content[0] == content[-1] and content[0] in "'\"":
        return _member(content[1:-1])
    if re.fullmatch(r"-?\d+(\s*,\s*-?\d+)*", content):
        return _indexes([int(part) for part in content.split(",")])
    slice_match = re.fullmatch(r"(-?\d+)?\s*:\s*(-?\d+)?", content)
    if slice_match:
        start, stop = slice_match.groups()
        return _slice(int(start) if start else None, int(stop) if stop else None)
    raise JsonPathError(f"[{content}] in {path!r} is not supported; ampsms supports {SUPPORTED}")


def _closing_bracket(path: str, start: int) -> int:
    """Return the index of the ] that closes the [ at ``start``, skipping quoted text."""
    index = start + 1
    quote = None
    depth = 0
    while index < len(path):
        char = path[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "]" and depth == 0:
            return index
        index += 1
    raise JsonPathError(f"the [ at position {start + 1} of {path!r} is never closed")


_NAME = re.compile(r"[A-Za-z_$][\w$-]*")


def compile_path(path: str) -> list[Step]:
    """Turn a JSONPath into a list of steps; raise JsonPathError when it is not supported."""
    text = path.strip()
    if not text.startswith("$"):
        raise JsonPathError(f"the JSONPath {path!r} must start with $ (the root)")
    steps: list[Step] = []
    index = 1
    while index < len(text):
        char = text[index]
        if text.startswith("..", index):
            index += 2
            if index < len(text) and text[index] == "*":
                steps.append(_recursive(_wildcard))
                index += 1
                continue
            if index < len(text) and text[index] == "[":
                end = _closing_bracket(text, index)
                steps.append(_recursive(_bracket(text[index + 1 : end], path)))
                index = end + 1
                continue
            name = _NAME.match(text, index)
            if name is None:
                raise JsonPathError(f"a member name must follow '..' at position {index + 1} of {path!r}")
            steps.append(_recursive(_member(name.group())))
            index = name.end()
        elif char == ".":
            index += 1
            if index < len(text) and text[index] == "*":
                steps.append(_wildcard)
                index += 1
                continue
            if index < len(text) and text[index] == "[":
                # "$.[*]" is read as "$[*]": the dot before a bracket adds nothing.
                continue
            name = _NAME.match(text, index)
            if name is None:
                raise JsonPathError(f"a member name must follow '.' at position {index + 1} of {path!r}")
            steps.append(_member(name.group()))
            index = name.end()
        elif char == "[":
            end = _closing_bracket(text, index)
            steps.append(_bracket(text[index + 1 : end], path))
            index = end + 1
        elif char.isspace():
            index += 1
        else:
            raise JsonPathError(f"unexpected {char!r} at position {index + 1} of {path!r}; ampsms supports {SUPPORTED}")
    return steps


def select(document: Any, path: str) -> list[Any]:
    """Return the values a JSONPath selects from a parsed JSON document, in document order."""
    nodes = [document]
    for step in compile_path(path):
        nodes = step(nodes)
    return nodes
