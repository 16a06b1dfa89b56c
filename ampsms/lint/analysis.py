"""Facts about a parsed template that several lint rules need: parents, calls, variables, positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

from .. import nodes
from ..functions import lookup

__all__ = ["Analysis", "Assignment", "child_nodes", "contains", "literal_value"]

# An @variable named inside a string literal that contains AMPscript, which
# URLEncode and TreatAsContent evaluate.
_EMBEDDED_VARIABLE = re.compile(r"@([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class Assignment:
    """A place where a variable gets a value.

    ``kind`` is ``"set"`` (SET), ``"for"`` (a FOR counter), ``"output"`` (an
    output argument such as HttpGet's status) or ``"var"`` (VAR, which sets
    null). ``value`` is the assigned expression for SET, else None.
    """

    name: str
    kind: str
    line: int
    column: int
    statement: nodes.Node
    value: nodes.Node | None = None


def child_nodes(node: nodes.Node) -> Iterator[nodes.Node]:
    """Yield a node's children, including the MSG(0) inside a %%MSG(0)%% string."""
    if isinstance(node, nodes.MsgPersonalization):
        yield node.msg
        return
    yield from node.children()


def contains(node: nodes.Node, predicate) -> bool:
    """Tell whether the node or any node inside it satisfies predicate."""
    stack = [node]
    while stack:
        current = stack.pop()
        if predicate(current):
            return True
        stack.extend(child_nodes(current))
    return False


def literal_value(node: nodes.Node):
    """Return the value of a string, number or boolean literal; raise ValueError for anything else."""
    if isinstance(node, (nodes.StringLiteral, nodes.NumberLiteral, nodes.BooleanLiteral)):
        return node.value
    raise ValueError("not a literal")


def is_literal(node: nodes.Node) -> bool:
    """Tell whether a node is a string, number or boolean literal."""
    return isinstance(node, (nodes.StringLiteral, nodes.NumberLiteral, nodes.BooleanLiteral))


class Analysis:
    """Walks a Document once and keeps what the rules look up."""

    def __init__(self, document: nodes.Document, source: str) -> None:
        self.document = document
        self.source = source
        self.line_starts = [0] + [index + 1 for index, char in enumerate(source) if char == "\n"]
        self.parents: dict[int, nodes.Node] = {}
        self.nodes: list[nodes.Node] = []
        self.calls: list[nodes.Call] = []
        self.assignments: dict[str, list[Assignment]] = {}
        self.reads: dict[str, list[nodes.Variable]] = {}
        self.for_loops: list[nodes.For] = []
        self._walk()

    # -- positions ------------------------------------------------------------
    def offset(self, line: int, column: int) -> int:
        """Return the string index of a 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of a string index."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    # -- tree -------------------------------------------------------------------
    def parent(self, node: nodes.Node) -> nodes.Node | None:
        """Return the node that contains node, or None for the document."""
        return self.parents.get(id(node))

    def ancestors(self, node: nodes.Node) -> Iterator[nodes.Node]:
        """Yield the nodes that contain node, innermost first."""
        current = self.parent(node)
        while current is not None:
            yield current
            current = self.parent(current)

    def _walk(self) -> None:
        stack: list[tuple[nodes.Node, nodes.Node | None]] = [(self.document, None)]
        while stack:
            node, parent = stack.pop()
            if parent is not None:
                self.parents[id(node)] = parent
            self.nodes.append(node)
            self._record(node)
            stack.extend((child, node) for child in reversed(list(child_nodes(node))))

    def _record(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Set):
            self._assign(Assignment(node.name, "set", node.name_line, node.name_column, node, node.expr))
        elif isinstance(node, nodes.Var):
            positions = node.name_positions or [(node.line, node.column)] * len(node.names)
            for name, (line, column) in zip(node.names, positions):
                self._assign(Assignment(name, "var", line, column, node))
        elif isinstance(node, nodes.For):
            self.for_loops.append(node)
            self._assign(Assignment(node.name, "for", node.name_line, node.name_column, node))
        elif isinstance(node, nodes.Call):
            self.calls.append(node)
            function = lookup(node.name)
            if function is not None:
                for position in function.output_args:
                    if position < len(node.args) and isinstance(node.args[position], nodes.Variable):
                        argument = node.args[position]
                        self._assign(Assignment(argument.name, "output", argument.line, argument.column, node))
        elif isinstance(node, nodes.Variable):
            if not self.is_output_argument(node):
                self.reads.setdefault(node.name, []).append(node)
        elif isinstance(node, nodes.StringLiteral) and ("%%=" in node.value or "%%[" in node.value):
            for match in _EMBEDDED_VARIABLE.finditer(node.value):
                embedded = nodes.Variable(node.line, node.column, match.group(1).lower(), match.group(0))
                self.reads.setdefault(embedded.name, []).append(embedded)

    def _assign(self, assignment: Assignment) -> None:
        self.assignments.setdefault(assignment.name, []).append(assignment)

    def is_output_argument(self, variable: nodes.Variable) -> bool:
        """Tell whether a variable is passed where a function writes a result, like HttpGet's @status."""
        parent = self.parent(variable)
        if not isinstance(parent, nodes.Call):
            return False
        function = lookup(parent.name)
        if function is None:
            return False
        return any(position < len(parent.args) and parent.args[position] is variable for position in function.output_args)

    def values_of(self, name: str) -> list[nodes.Node]:
        """Return every expression SET assigns to a variable, in source order."""
        return [a.value for a in self.assignments.get(name, []) if a.kind == "set" and a.value is not None]
