"""Parse template text into the typed syntax tree of ampsms.nodes.

The grammar is ``grammar/ampscript.lark`` (shipped inside the wheel as
``ampsms/grammar/ampscript.lark``). Lark's LALR parser with the contextual
lexer turns the text into a parse tree, a Transformer turns that into
``ampsms.nodes`` dataclasses, and Lark's exceptions become
``AmpscriptSyntaxError`` with a message written for template authors.
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal, InvalidOperation
from pathlib import Path

import lark
from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import nodes
from .errors import AmpscriptSyntaxError

__all__ = ["grammar_path", "parse"]

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# NOTE: Marketing Cloud documents no nesting limit. This one keeps parsing,
# compiling and rendering within Python's default limit of 1000 stack
# frames: 100 IFs nested in one another need about 620 of them.
MAX_NESTING = 100
# Parse tree nodes that make a nesting level; the others (bodies, blocks,
# ELSE clauses) only hold them.
_NESTING_RULES = frozenset({"call", "msg", "if_stmt", "for_stmt", "not_op", "compare", "logic"})

_PACKAGE_DIR = Path(__file__).resolve().parent


def grammar_path() -> Path:
    """Return the path of the grammar file: the packaged copy, else the repository's."""
    packaged = _PACKAGE_DIR / "grammar" / "ampscript.lark"
    if packaged.is_file():
        return packaged
    checkout = _PACKAGE_DIR.parent / "grammar" / "ampscript.lark"
    if checkout.is_file():
        return checkout
    raise RuntimeError(
        f"the AMPscript grammar is missing (looked for {packaged} and {checkout}): reinstall ampsms"
    )


# Tokens whose positions explain an unexpected end of the template.
_TRACKED_TOKENS = (
    "BLOCK_OPEN",
    "BLOCK_CLOSE",
    "SCRIPT_OPEN",
    "SCRIPT_CLOSE",
    "INLINE_OPEN",
    "INLINE_CLOSE",
    "IF",
    "ENDIF",
    "FOR",
    "NEXT",
)

_local = threading.local()
_parser_lock = threading.Lock()
_parser: lark.Lark | None = None


class _TokenRecorder:
    """A Lark post-lexer that keeps the tokens that explain an unexpected end of input."""

    always_accept = ()

    def process(self, stream):
        tokens = getattr(_local, "tokens", None)
        for token in stream:
            if tokens is not None and token.type in _TRACKED_TOKENS:
                tokens.append(token)
            yield token


def _record_comment(token: Token) -> Token:
    """Keep a skipped comment among the tracked tokens, in source order.

    The lexer calls this while it reads the token after the comment, so the
    tokens before the comment are already recorded.
    """
    tokens = getattr(_local, "tokens", None)
    if tokens is not None:
        tokens.append(token)
    return token


def _get_parser() -> lark.Lark:
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = lark.Lark(
                grammar_path().read_text(encoding="utf-8"),
                parser="lalr",
                lexer="contextual",
                propagate_positions=True,
                maybe_placeholders=True,
                postlex=_TokenRecorder(),
                lexer_callbacks={"COMMENT": _record_comment},
                # Lark keeps the built LALR tables in the temp folder, keyed
                # by a hash of the grammar and options: start-up drops from
                # about 160 ms to under 10 ms after the first run.
                cache=True,
            )
        return _parser


# ------------------------------------------------------------------ tree build

_MSG_TEXT = re.compile(
    r"^\s*msg\s*\(\s*(\d+)\s*\)\s*(?:\.\s*([a-z]+)\s*(?:\(\s*(\d+)\s*\))?)?\s*$", re.IGNORECASE
)
_MSG_MEMBERS = {"verb": "verb", "nouns": "nouns", "noun": "noun"}


class _SyntaxProblem(Exception):
    """Raised inside the transformer; parse() turns it into AmpscriptSyntaxError."""

    def __init__(self, message: str, line: int, column: int, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def _msg_from_text(text: str, line: int, column: int) -> nodes.Msg | None:
    """Build a Msg node from ``MSG(0).NOUN(1)``-style text, or return None if it is not one."""
    match = _MSG_TEXT.match(text)
    if match is None:
        return None
    index_text, member, noun_text = match.groups()
    index = nodes.NumberLiteral(line, column, _integer_value(index_text), index_text)
    return _make_msg(index, member, None if noun_text is None else
                     nodes.NumberLiteral(line, column, _integer_value(noun_text), noun_text),
                     line, column, member_given=member is not None)


def _make_msg(index, member, noun_index, line, column, member_given) -> nodes.Msg:
    if not member_given:
        return nodes.Msg(line, column, index, None, None)
    key = _MSG_MEMBERS.get(member.lower())
    if key is None:
        raise _SyntaxProblem(
            f"MSG(0) has no member {member!r}",
            line,
            column,
            hint="use MSG(0), MSG(0).VERB, MSG(0).NOUNS or MSG(0).NOUN(n)",
        )
    if key == "noun" and noun_index is None:
        raise _SyntaxProblem(
            "MSG(0).NOUN needs a 0-based word number, as in MSG(0).NOUN(0)", line, column
        )
    if key != "noun" and noun_index is not None:
        raise _SyntaxProblem(
            f"MSG(0).{member.upper()} takes no argument", line, column,
            hint="only NOUN takes a word number: MSG(0).NOUN(0)",
        )
    return nodes.Msg(line, column, index, key, noun_index)


def _unquote(text: str) -> str:
    quote = text[0]
    return text[1:-1].replace(quote + quote, quote)


def _number(token: Token) -> nodes.NumberLiteral:
    text = str(token)
    if "." in text:
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the terminal admits only valid numbers
            raise _SyntaxProblem(f"invalid number {text!r}", token.line, token.column)
        if value == 0:
            value = abs(value)
        return nodes.NumberLiteral(token.line, token.column, value, text)
    return nodes.NumberLiteral(token.line, token.column, _integer_value(text), text)


def _integer_value(text: str) -> int:
    """Read an integer literal: Marketing Cloud reads one outside the Int64 range as 0."""
    # Over 19 digits is always outside Int64, and Python's int() rejects
    # text of more than 4300 digits, so such a literal is 0 without reading it.
    if len(text.lstrip("-").lstrip("0")) > 19:
        return 0
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        return 0
    return value


def _flatten(items) -> list[nodes.Node]:
    body: list[nodes.Node] = []
    for item in items:
        if isinstance(item, list):
            body.extend(item)
        elif item is not None:
            body.append(item)
    return body


@v_args(meta=True)
class _TreeBuilder(Transformer):
    """Turn Lark's parse tree into ampsms.nodes, collecting block delimiters."""

    def __init__(self) -> None:
        super().__init__()
        self.delimiters: list[nodes.Delimiter] = []

    def _delimiter(self, token: Token) -> None:
        self.delimiters.append(nodes.Delimiter(token.line, token.column, str(token)))

    # content ------------------------------------------------------------
    def start(self, meta, items):
        return nodes.Document(1, 1, _flatten(items))

    def text(self, meta, items):
        token = items[0]
        return nodes.Text(token.line, token.column, str(token))

    def personalization(self, meta, items):
        token = items[0]
        raw = str(token)
        inner = raw[2:-2]
        msg = _msg_from_text(inner, token.line, token.column)
        if msg is not None:
            return nodes.MsgPersonalization(token.line, token.column, msg, raw)
        return nodes.Personalization(token.line, token.column, inner, raw)

    def inline(self, meta, items):
        opener, expr, _closer = items
        return nodes.Inline(opener.line, opener.column, expr)

    def block(self, meta, items):
        self._delimiter(items[0])
        self._delimiter(items[-1])
        return _flatten(items[1:-1])

    def gap(self, meta, items):
        self._delimiter(items[0])
        self._delimiter(items[-1])
        return _flatten(items[1:-1])

    def body(self, meta, items):
        return _flatten(items)

    # statements -----------------------------------------------------------
    def var_stmt(self, meta, items):
        keyword, *variables = items
        return nodes.Var(
            keyword.line,
            keyword.column,
            [str(v)[1:].lower() for v in variables],
            [(v.line, v.column) for v in variables],
        )

    def set_stmt(self, meta, items):
        keyword, variable, expr = items
        return nodes.Set(
            keyword.line, keyword.column, str(variable)[1:].lower(), expr, variable.line, variable.column
        )

    def if_stmt(self, meta, items):
        keyword, condition, _then, body, *rest = items
        end = rest.pop()
        branches = [nodes.Branch(keyword.line, keyword.column, condition, body)]
        else_body = None
        else_line = None
        for clause in rest:
            if clause is None:
                continue
            if isinstance(clause, nodes.Branch):
                branches.append(clause)
            else:
                else_line, else_body = clause
        return nodes.If(keyword.line, keyword.column, branches, else_body, else_line, end.line, end.column)

    def elseif_clause(self, meta, items):
        keyword, condition, _then, body = items
        return nodes.Branch(keyword.line, keyword.column, condition, body)

    def else_clause(self, meta, items):
        keyword, body = items
        return (keyword.line, body)

    def for_stmt(self, meta, items):
        keyword, variable, start, direction, end, _do, body, next_keyword, *rest = items
        name = str(variable)[1:].lower()
        if rest and rest[0] is not None:
            next_variable = rest[0]
            if str(next_variable)[1:].lower() != name:
                raise _SyntaxProblem(
                    f"NEXT {next_variable} does not match FOR {variable}",
                    next_variable.line,
                    next_variable.column,
                    hint=f"write NEXT {variable}, or plain NEXT",
                )
        return nodes.For(
            keyword.line,
            keyword.column,
            name,
            start,
            end,
            direction.type == "DOWNTO",
            body,
            variable.line,
            variable.column,
            next_keyword.line,
            next_keyword.column,
        )

    def expr_stmt(self, meta, items):
        expr = items[0]
        return nodes.ExprStatement(expr.line, expr.column, expr)

    # expressions ----------------------------------------------------------
    def string(self, meta, items):
        token = items[0]
        return nodes.StringLiteral(token.line, token.column, _unquote(str(token)))

    def number(self, meta, items):
        return _number(items[0])

    def true(self, meta, items):
        return nodes.BooleanLiteral(items[0].line, items[0].column, True)

    def false(self, meta, items):
        return nodes.BooleanLiteral(items[0].line, items[0].column, False)

    def variable(self, meta, items):
        token = items[0]
        return nodes.Variable(token.line, token.column, str(token)[1:].lower(), str(token))

    def attribute(self, meta, items):
        token = items[0]
        return nodes.Attribute(token.line, token.column, str(token), False)

    def bracket_attribute(self, meta, items):
        token = items[0]
        inner = str(token)[1:-1]
        msg = _msg_from_text(inner, token.line, token.column)
        if msg is not None:
            return msg
        return nodes.Attribute(token.line, token.column, inner, True)

    def call(self, meta, items):
        name, *args = items
        return nodes.Call(name.line, name.column, str(name), [a for a in args if a is not None])

    def msg(self, meta, items):
        keyword, index, *rest = items
        member = rest[0] if rest else None
        noun_index = rest[1] if len(rest) > 1 else None
        return _make_msg(
            index,
            None if member is None else str(member),
            noun_index,
            keyword.line,
            keyword.column,
            member_given=member is not None,
        )

    def not_op(self, meta, items):
        keyword, operand = items
        return nodes.Not(keyword.line, keyword.column, operand)

    def logic(self, meta, items):
        first = items[0]
        rest = [(str(items[i]).upper(), items[i + 1]) for i in range(1, len(items), 2)]
        return nodes.Logic(first.line, first.column, first, rest)

    def compare(self, meta, items):
        left, op, right = items
        return nodes.Compare(left.line, left.column, str(op), left, right)


# ------------------------------------------------------------------ errors

_TERMINAL_WORDS = {
    "BLOCK_OPEN": "%%[",
    "BLOCK_CLOSE": "]%%",
    "INLINE_OPEN": "%%=",
    "INLINE_CLOSE": "=%%",
    "SCRIPT_OPEN": '<script runat="server" language="ampscript">',
    "SCRIPT_CLOSE": "</script>",
    "LPAR": "'('",
    "RPAR": "')'",
    "COMMA": "','",
    "DOT": "'.'",
    "EQUAL": "'='",
    "EQ_OP": "== or !=",
    "REL_OP": "<, <=, > or >=",
    "STRING": "a string",
    "NUMBER": "a number",
    "VARIABLE": "an @variable",
    "NAME": "a name",
    "BRACKET_NAME": "a [bracketed name]",
    "TEXT": "text",
    "PERSONALIZATION": "a %%personalization%% string",
    "$END": "the end of the template",
}
_EXPRESSION_STARTS = {"STRING", "NUMBER", "VARIABLE", "NAME", "BRACKET_NAME", "TRUE", "FALSE", "MSG", "LPAR"}
_STATEMENT_KEYWORDS = {"VAR", "SET", "IF", "FOR", "ELSEIF", "ELSE", "ENDIF", "NEXT", "THEN", "DO", "TO", "DOWNTO"}


def _describe_terminal(name: str) -> str:
    return _TERMINAL_WORDS.get(name, name)


def _describe_token(token: Token) -> str:
    if token.type == "$END":
        return "the end of the template"
    value = str(token)
    if len(value) > 30:
        value = value[:27] + "..."
    return repr(value)


def _unclosed_construct(tokens: list[Token]) -> tuple[str, Token, str] | None:
    """Find what an unexpected end of input leaves open, from the lexed tokens."""
    open_delimiter: Token | None = None
    open_inline: Token | None = None
    controls: list[Token] = []
    for token in tokens:
        kind = token.type
        if kind in ("BLOCK_OPEN", "SCRIPT_OPEN"):
            open_delimiter = token
        elif kind in ("BLOCK_CLOSE", "SCRIPT_CLOSE"):
            if open_delimiter is not None and (open_delimiter.type == "BLOCK_OPEN") != (kind == "BLOCK_CLOSE"):
                expected = "]%%" if open_delimiter.type == "BLOCK_OPEN" else "</script>"
                return (
                    f"{token} closes a block that was opened with {open_delimiter} at line {open_delimiter.line}",
                    token,
                    f"close it with {expected}",
                )
            open_delimiter = None
        elif kind == "INLINE_OPEN":
            open_inline = token
        elif kind == "INLINE_CLOSE":
            open_inline = None
        elif kind in ("IF", "FOR"):
            controls.append(token)
        elif kind in ("ENDIF", "NEXT") and controls:
            controls.pop()
    if open_inline is not None:
        return ("the inline expression opened here is not closed", open_inline, "close it with =%%")
    if open_delimiter is not None:
        if open_delimiter.type == "SCRIPT_OPEN":
            return ("the script block opened here is not closed", open_delimiter, "close it with </script>")
        return ("the code block opened here is not closed", open_delimiter, "close it with ]%%")
    if controls:
        innermost = controls[-1]
        if innermost.type == "IF":
            return ("IF has no matching ENDIF", innermost, "end the IF with %%[ ENDIF ]%%")
        return ("FOR has no matching NEXT", innermost, "end the loop with %%[ NEXT ]%%")
    return None


def _syntax_error_from_lark(error: UnexpectedInput, source: str, tokens: list[Token]) -> AmpscriptSyntaxError:
    if isinstance(error, UnexpectedCharacters):
        return _unexpected_character(error, source)
    if isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        found = _unclosed_construct(tokens)
        if found is not None:
            message, token, hint = found
            return AmpscriptSyntaxError(message, line=token.line, column=token.column, hint=hint)
        line = source.count("\n") + 1
        column = len(source) - (source.rfind("\n") + 1) + 1
        return AmpscriptSyntaxError("the template ends in the middle of a statement", line=line, column=column)
    assert isinstance(error, UnexpectedToken)
    return _unexpected_token(error, source, tokens)


def _unexpected_character(error: UnexpectedCharacters, source: str) -> AmpscriptSyntaxError:
    following = source[error.pos_in_stream : error.pos_in_stream + 2]
    return _bad_code_text(error.char, following, error.line, error.column)


def _bad_code_text(char: str, following: str, line: int, column: int) -> AmpscriptSyntaxError:
    """Explain code that no code token matches, from its first two characters."""
    position = dict(line=line, column=column)
    if char in "\"'":
        return AmpscriptSyntaxError(
            "this string literal is never closed",
            **position,
            hint=f"end the string with {char}; to put a {char} inside it, double it ({char}{char})",
        )
    if following == "/*":
        return AmpscriptSyntaxError("this comment is never closed", **position, hint="end the comment with */")
    if char == "[":
        return AmpscriptSyntaxError(
            "this bracketed name is never closed", **position, hint="write names with spaces as [First Name]"
        )
    if char == "@":
        return AmpscriptSyntaxError(
            "a variable name needs letters, digits or _ after @", **position, hint="for example @firstName"
        )
    if char in "+-*/%&|!":
        return AmpscriptSyntaxError(
            f"AMPscript has no {char!r} operator",
            **position,
            hint="use Add, Subtract, Multiply, Divide, Mod or Concat; conditions use AND, OR and NOT",
        )
    return AmpscriptSyntaxError(f"unexpected character {char!r} in code", **position)


_code_patterns: list[tuple[str, re.Pattern]] | None = None


def _code_token_at(source: str, text_token: Token) -> Token | None:
    """Return the longest code token that starts where a text token was read."""
    global _code_patterns
    if _code_patterns is None:
        _code_patterns = [
            (terminal.name, re.compile(terminal.pattern.to_regexp()))
            for terminal in _get_parser().terminals
            if terminal.name not in ("TEXT", "PERSONALIZATION", "WHITESPACE", "COMMENT")
        ]
    best: tuple[str, str] | None = None
    for name, pattern in _code_patterns:
        match = pattern.match(source, text_token.start_pos)
        if match and match.group() and (best is None or len(match.group()) > len(best[1])):
            best = (name, match.group())
    if best is None:
        return None
    return Token(best[0], best[1], text_token.start_pos, text_token.line, text_token.column)


def _unexpected_token(error: UnexpectedToken, source: str, tokens: list[Token]) -> AmpscriptSyntaxError:
    token = error.token
    expected = set(error.expected)
    # LALR states with default reductions report far more terminals than can
    # really follow; the interactive parser returns the exact set.
    interactive = getattr(error, "interactive_parser", None)
    if interactive is not None:
        try:
            expected = set(interactive.accepts()) - {"$END"} | ({"$END"} & expected)
        except Exception:  # pragma: no cover - fall back to Lark's own set
            pass

    position = dict(line=token.line, column=token.column)
    found = _describe_token(token)
    kind = token.type

    if kind in ("TEXT", "PERSONALIZATION"):
        # No token of the current state matched, and Lark's fallback lexer
        # read text. Find the code token that is really there, if any.
        code_token = _code_token_at(source, token)
        if code_token is None:
            value = str(token)
            return _bad_code_text(value[0], value[:2], token.line, token.column)
        retyped = UnexpectedToken(code_token, expected, interactive_parser=getattr(error, "interactive_parser", None))
        return _unexpected_token(retyped, source, tokens)

    inside_inline = False
    for tracked in tokens:
        if tracked.type == "INLINE_OPEN":
            inside_inline = True
        elif tracked.type == "INLINE_CLOSE":
            inside_inline = False

    if inside_inline and kind in _STATEMENT_KEYWORDS:
        return AmpscriptSyntaxError(
            f"an inline expression holds one expression, not the keyword {str(token).upper()}",
            **position,
            hint="put statements in a %%[ ... ]%% block",
        )

    if expected == {"VARIABLE"}:
        return AmpscriptSyntaxError(
            f"expected an @variable here, found {found}", **position, hint="variable names start with @"
        )

    if "THEN" in expected and kind != "THEN":
        return AmpscriptSyntaxError(f"expected THEN after the condition, found {found}", **position)

    if "DO" in expected and kind != "DO":
        return AmpscriptSyntaxError(f"expected DO after the FOR range, found {found}", **position)

    if "TO" in expected and kind not in ("TO", "DOWNTO"):
        return AmpscriptSyntaxError(f"expected TO or DOWNTO in the FOR loop, found {found}", **position)

    if kind == "ENDIF":
        return AmpscriptSyntaxError("ENDIF without a matching IF", **position)

    if kind == "NEXT":
        return AmpscriptSyntaxError("NEXT without a matching FOR", **position)

    if kind in ("ELSE", "ELSEIF"):
        if "ENDIF" in expected:
            return AmpscriptSyntaxError(f"{str(token).upper()} after ELSE: an IF has at most one ELSE, and it comes last", **position)
        return AmpscriptSyntaxError(f"{str(token).upper()} without a matching IF", **position)

    if kind == "EQUAL":
        # NOTE: Salesforce Labs' engine parses "@x = 1" without SET as a
        # statement that does nothing; Marketing Cloud's behaviour is not
        # documented, so a missing SET is reported instead.
        return AmpscriptSyntaxError(
            "unexpected '='", **position, hint="assign with SET @name = value, and compare with =="
        )

    if kind == "BLOCK_CLOSE" and "INLINE_CLOSE" in expected:
        return AmpscriptSyntaxError("an inline expression must be closed with =%%, not ]%%", **position)

    if expected & _EXPRESSION_STARTS and not expected - _EXPRESSION_STARTS - {"NOT"}:
        if kind in _STATEMENT_KEYWORDS:
            found = f"the keyword {str(token).upper()}"
        return AmpscriptSyntaxError(f"expected a value here, found {found}", **position)
    words = sorted({_describe_terminal(name) for name in expected if not name.startswith("__")})

    if len(words) > 6:
        return AmpscriptSyntaxError(f"unexpected {found}", **position)
    listed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)
    return AmpscriptSyntaxError(f"unexpected {found}, expected {listed}", **position)


def _check_inline_comments(tokens: list[Token]) -> None:
    """Reject a comment inside %%= =%%: Marketing Cloud allows comments only in code blocks."""
    inside_inline = False
    for token in tokens:
        if token.type == "INLINE_OPEN":
            inside_inline = True
        elif token.type == "INLINE_CLOSE":
            inside_inline = False
        elif token.type == "COMMENT" and inside_inline:
            raise AmpscriptSyntaxError(
                "a comment is not allowed inside an inline expression",
                line=token.line,
                column=token.column,
                hint="move the comment into a %%[ ... ]%% block",
            )


def _first_token(tree: lark.Tree) -> Token | None:
    # Iterative, because the tree may be too deep for Lark's recursive scans.
    stack: list = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            return node
        if isinstance(node, lark.Tree):
            stack.extend(reversed(node.children))
    return None


def _too_deep(tree: lark.Tree) -> AmpscriptSyntaxError:
    token = _first_token(tree)
    position = {} if token is None else dict(line=token.line, column=token.column)
    return AmpscriptSyntaxError(
        f"the template nests too deeply: more than {MAX_NESTING} levels of calls, conditions and loops inside one another",
        hint="store inner results in variables with SET, and test conditions one after another",
        **position,
    )


def _check_nesting(tree: lark.Tree) -> None:
    """Reject a template nested deeper than MAX_NESTING before anything walks its tree recursively."""
    stack = [(tree, 0)]
    while stack:
        node, level = stack.pop()
        if node.data in _NESTING_RULES:
            level += 1
            if level > MAX_NESTING:
                raise _too_deep(node)
        for child in node.children:
            if isinstance(child, lark.Tree):
                stack.append((child, level))


def _deep_stack_error() -> AmpscriptSyntaxError:
    return AmpscriptSyntaxError(
        "the template nests too deeply to parse here", hint="flatten nested calls and conditions"
    )


def _check_delimiters(delimiters: list[nodes.Delimiter]) -> None:
    """Check that each ]%% closes a %%[ and each </script> closes a script tag."""
    opener: nodes.Delimiter | None = None
    for delimiter in sorted(delimiters, key=lambda d: (d.line, d.column)):
        if delimiter.value in ("%%[",) or delimiter.value.lower().startswith("<script"):
            opener = delimiter
            continue
        if opener is None:  # pragma: no cover - the grammar pairs every closer with an opener
            continue
        opened_by_block = opener.value == "%%["
        closed_by_block = delimiter.value == "]%%"
        if opened_by_block != closed_by_block:
            expected = "]%%" if opened_by_block else "</script>"
            raise AmpscriptSyntaxError(
                f"{delimiter.value} closes a block that was opened with {opener.value} at line {opener.line}",
                line=delimiter.line,
                column=delimiter.column,
                hint=f"close it with {expected}",
            )
        opener = None


def parse(source: str, *, name: str | None = None) -> nodes.Document:
    """Parse template text into a Document, raising AmpscriptSyntaxError on invalid input."""
    if not isinstance(source, str):
        raise TypeError(f"template source must be str, got {type(source).__name__}")
    parser = _get_parser()
    _local.tokens = []
    try:
        tree = parser.parse(source)
    except UnexpectedInput as error:
        problem = _syntax_error_from_lark(error, source, _local.tokens)
        problem.locate(source, name)
        raise problem from None
    finally:
        tokens_seen = _local.tokens
        _local.tokens = None
    try:
        _check_inline_comments(tokens_seen)
    except AmpscriptSyntaxError as problem:
        problem.locate(source, name)
        raise
    del tokens_seen

    builder = _TreeBuilder()
    try:
        _check_nesting(tree)
        document = builder.transform(tree)
    except AmpscriptSyntaxError as problem:
        problem.locate(source, name)
        raise
    except RecursionError:
        # The nesting check passed, so the caller's own stack was already deep.
        problem = _deep_stack_error()
        problem.locate(source, name)
        raise problem from None
    except VisitError as error:
        cause = error.orig_exc
        if isinstance(cause, _SyntaxProblem):
            problem = AmpscriptSyntaxError(cause.message, line=cause.line, column=cause.column, hint=cause.hint)
            problem.locate(source, name)
            raise problem from None
        if isinstance(cause, RecursionError):
            problem = _deep_stack_error()
            problem.locate(source, name)
            raise problem from None
        raise
    document.delimiters = sorted(builder.delimiters, key=lambda d: (d.line, d.column))
    try:
        _check_delimiters(document.delimiters)
    except AmpscriptSyntaxError as problem:
        problem.locate(source, name)
        raise
    return document
