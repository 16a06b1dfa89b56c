"""The typed syntax tree that ampsms.parser builds from a template.

Every node carries the 1-based ``line`` and ``column`` where it starts in the
template source. Statement and text nodes appear in the same lists: the body
of a template, of an IF branch or of a FOR loop is one sequence in source
order, whether its parts were written inside code blocks or between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Union


@dataclass(slots=True)
class Node:
    """Base of every syntax tree node."""

    line: int
    column: int

    def children(self) -> Iterator["Node"]:
        """Yield the direct child nodes in source order."""
        return iter(())

    def walk(self) -> Iterator["Node"]:
        """Yield this node and all its descendants, depth first in source order."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(list(node.children())))


# --------------------------------------------------------------------- content


@dataclass(slots=True)
class Text(Node):
    """Literal text, output byte for byte."""

    value: str


@dataclass(slots=True)
class Personalization(Node):
    """A ``%%Name%%`` string in literal text; ``raw`` is the text as written."""

    name: str
    raw: str


@dataclass(slots=True)
class MsgPersonalization(Node):
    """A ``%%MSG(0).NOUNS%%`` string in literal text."""

    msg: "Msg"
    raw: str


@dataclass(slots=True)
class Inline(Node):
    """A ``%%= expression =%%`` inline expression."""

    expr: "Expr"

    def children(self):
        yield self.expr


@dataclass(slots=True)
class Delimiter(Node):
    """A code block's opening or closing mark, kept for the linter's whitespace rules."""

    value: str


# ------------------------------------------------------------------ statements


@dataclass(slots=True)
class Var(Node):
    """``VAR @a, @b``: declares variables and sets them to null."""

    names: list[str]
    name_positions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Set(Node):
    """``SET @name = expr``."""

    name: str
    expr: "Expr"
    name_line: int = 0
    name_column: int = 0

    def children(self):
        yield self.expr


@dataclass(slots=True)
class Branch(Node):
    """One ``IF`` or ``ELSEIF`` condition with its body."""

    condition: "Expr"
    body: list[Node]

    def children(self):
        yield self.condition
        yield from self.body


@dataclass(slots=True)
class If(Node):
    """``IF ... [ELSEIF ...]* [ELSE ...] ENDIF``."""

    branches: list[Branch]
    else_body: list[Node] | None
    else_line: int | None = None
    end_line: int = 0
    end_column: int = 0

    def children(self):
        yield from self.branches
        if self.else_body is not None:
            yield from self.else_body


@dataclass(slots=True)
class For(Node):
    """``FOR @i = start TO|DOWNTO end DO ... NEXT [@i]``."""

    name: str
    start: "Expr"
    end: "Expr"
    downto: bool
    body: list[Node]
    name_line: int = 0
    name_column: int = 0
    end_line: int = 0
    end_column: int = 0

    def children(self):
        yield self.start
        yield self.end
        yield from self.body


@dataclass(slots=True)
class ExprStatement(Node):
    """An expression on its own: a function call runs, anything else is ignored."""

    expr: "Expr"

    def children(self):
        yield self.expr


# ----------------------------------------------------------------- expressions


@dataclass(slots=True)
class StringLiteral(Node):
    """A quoted string, with doubled quotes already reduced to one."""

    value: str


@dataclass(slots=True)
class NumberLiteral(Node):
    """A number as written: ``value`` is an int, or a Decimal that keeps its scale."""

    value: Union[int, Decimal]
    text: str


@dataclass(slots=True)
class BooleanLiteral(Node):
    """``true`` or ``false`` in any case."""

    value: bool


@dataclass(slots=True)
class Variable(Node):
    """An ``@variable``; ``name`` is lower-cased because names ignore case."""

    name: str
    spelling: str


@dataclass(slots=True)
class Attribute(Node):
    """A contact attribute or system string named in code: ``FirstName`` or ``[First Name]``."""

    name: str
    bracketed: bool


@dataclass(slots=True)
class Call(Node):
    """A function call; ``name`` is spelled as written."""

    name: str
    args: list["Expr"]

    def children(self):
        yield from self.args


@dataclass(slots=True)
class Msg(Node):
    """``MSG(n)``, ``MSG(n).VERB``, ``MSG(n).NOUNS`` or ``MSG(n).NOUN(i)``.

    ``member`` is None for the whole message, else ``"verb"``, ``"nouns"`` or
    ``"noun"``; ``noun_index`` is set only for ``"noun"``.
    """

    index: "Expr"
    member: str | None
    noun_index: "Expr | None"

    def children(self):
        yield self.index
        if self.noun_index is not None:
            yield self.noun_index


@dataclass(slots=True)
class Not(Node):
    """``NOT expr``."""

    operand: "Expr"

    def children(self):
        yield self.operand


@dataclass(slots=True)
class Logic(Node):
    """``a AND b OR c ...``: one level, evaluated from left to right."""

    first: "Expr"
    rest: list[tuple[str, "Expr"]]

    def children(self):
        yield self.first
        for _, operand in self.rest:
            yield operand


@dataclass(slots=True)
class Compare(Node):
    """``left op right`` with op one of ``== != < <= > >=``."""

    op: str
    left: "Expr"
    right: "Expr"

    def children(self):
        yield self.left
        yield self.right


Expr = Union[
    StringLiteral, NumberLiteral, BooleanLiteral, Variable, Attribute, Call, Msg, Not, Logic, Compare
]


@dataclass(slots=True)
class Document(Node):
    """A whole template: the top-level body plus the delimiters in source order."""

    body: list[Node]
    delimiters: list[Delimiter] = field(default_factory=list)

    def children(self):
        yield from self.body
