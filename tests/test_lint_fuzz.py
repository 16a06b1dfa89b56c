"""Property tests: the linter returns diagnostics, never a Python exception, whatever the template."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ampsms.compiler import check_document
from ampsms.context import make_context
from ampsms.lint import LintConfig, lint_source
from ampsms.lint.diagnostics import Diagnostic
from ampsms.parser import parse

# Pieces of AMPscript and message text that combine into valid and broken
# templates alike: unbalanced blocks, stray keywords, typographic characters.
_FRAGMENTS = [
    "%%[", "]%%", "%%=", "=%%", "\n", " ", "\r\n", "Hi ", "’", "–", "[", "€", "🎉",
    "SET @a = ", "SET @i = ", "VAR @i ", "VAR @a, @b ", "IF ", " THEN ", " ELSE ", " ENDIF ",
    "FOR @i = 1 TO 3 DO ", "FOR @i = @n DOWNTO 1 DO ", " NEXT @i ", " NEXT ",
    '"text"', '"a ""quoted"" – word"', "'x'", "1", "1.5", "-1", "true",
    "@a", "@b", "@i", "MSG(0).NOUNS", "MSG(1)", "MSG(0).NOUN(0)", "[MSG(0).VERB]", "%%MSG(0).NOUNS%%",
    "Substring(", "IndexOf(", "Subtract(", "Add(", "Empty(", "Length(", "IIf(", "Concat(", "V(",
    "Output(", "OutputLine(", 'HttpGet("http://example.com:8080/q"', ", true, 0, @s", "Frobnicate(",
    "CloudPagesURL(", ")", ", ", " == ", " > ", " AND ", "NOT ",
    "/* ampsms: disable=WS01,XX99 */", "/* note */", '<script runat="server" language="ampscript">', "</script>",
    "%%FirstName%%",
]

fragment_soups = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)

# Templates that parse: statements and expressions built by the grammar's
# shape, so every rule that needs a syntax tree gets to run.
_VARIABLES = st.sampled_from(["@a", "@b", "@i", "@Nouns", "@s"])
_FUNCTIONS = st.sampled_from(
    ["Substring", "IndexOf", "Subtract", "Add", "Empty", "Length", "IIf", "Concat", "V", "HttpGet",
     "Lowercase", "Random", "Char", "Frobnicate", "CloudPagesURL", "RaiseError"]
)
_ATOMS = st.sampled_from(
    ['"text"', '"we’ll"', '"http://example.com:8080/q"', "'x'", "1", "1.5", "-1", "0", "true",
     "MSG(0).NOUNS", "MSG(1)", "MSG(0).NOUN(0)", "[MSG(0).VERB]", "MOBILE_NUMBER", "[First Name]"]
) | _VARIABLES
expressions = st.recursive(
    _ATOMS,
    lambda inner: st.tuples(_FUNCTIONS, st.lists(inner, max_size=4)).map(lambda c: f"{c[0]}({', '.join(c[1])})")
    | st.tuples(inner, st.sampled_from([" == ", " > ", " AND "]), inner).map("".join),
    max_leaves=8,
)
statements = st.recursive(
    st.one_of(
        st.tuples(_VARIABLES, expressions).map(lambda s: f"SET {s[0]} = {s[1]}"),
        _VARIABLES.map(lambda v: f"VAR {v}"),
        expressions.map(lambda e: f"Output({e})"),
        expressions.map(lambda e: f"OutputLine({e})"),
    ),
    lambda inner: st.one_of(
        st.tuples(expressions, st.lists(inner, max_size=3)).map(lambda s: f"IF {s[0]} THEN {' '.join(s[1])} ENDIF"),
        st.tuples(_VARIABLES, st.lists(inner, max_size=3)).map(lambda s: f"FOR {s[0]} = 1 TO 2 DO {' '.join(s[1])} NEXT"),
        st.lists(inner, max_size=3).map(lambda body: f"IF @a THEN ]%%\nText’ [x]\n%%[ {' '.join(body)} ENDIF"),
    ),
    max_leaves=6,
)
_CONTENT = st.one_of(
    st.sampled_from(["Hi ", "\n", "Reply STOP – now\n", "€ {x}", "%%FirstName%%", "\r\n"]),
    expressions.map(lambda e: f"%%={e}=%%"),
    st.lists(statements, max_size=4).map(lambda body: "%%[ " + "\n".join(body) + " ]%%"),
    st.just("%%[ /* ampsms: disable=WS01,VR02,XX99 */ ]%%"),
)
valid_templates = st.lists(_CONTENT, max_size=8).map("".join)
templates = fragment_soups | valid_templates


@given(templates)
def test_lint_returns_located_diagnostics(source):
    diagnostics = lint_source(source, path="fuzz.amp", config=LintConfig())
    line_count = source.count("\n") + 1
    for diagnostic in diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert 1 <= diagnostic.line <= line_count
        assert diagnostic.column >= 1


@given(templates)
def test_parse_failure_reports_only_syntax(source):
    codes = {diagnostic.code for diagnostic in lint_source(source, path="fuzz.amp")}
    if "SY01" in codes:
        assert codes == {"SY01"}


@given(valid_templates, st.sampled_from(["JOIN ana", "", "STOP", "PRICE 12 now"]))
def test_render_errors_become_diagnostics(source, inbound):
    context = make_context(inbound=inbound, http={"*": "ok"})
    codes = {d.code for d in lint_source(source, path="fuzz.amp", contexts=[("fuzz.json", context)])}
    assert "SY01" not in codes


@given(valid_templates)
def test_function_rules_match_compiler(source):
    document = parse(source)
    compiler = sorted((p.line, p.column, p.message) for p in check_document(document))
    config = LintConfig(select=("FN01", "FN02", "FN03", "FN05"))
    linted = sorted((d.line, d.column, d.message) for d in lint_source(source, config=config))
    assert linted == compiler
