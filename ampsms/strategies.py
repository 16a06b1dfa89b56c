"""Hypothesis strategies for SMS template inputs and for AMPscript templates themselves.

Context data, drawn the way real MobileConnect traffic varies::

    inbound_messages()   what a contact texts: a keyword with or without nouns
    mobile_numbers()     MOBILE_NUMBER values: E.164 digits of several countries
    attribute_values()   contact attribute values: names, blanks, accents, long text
    http_replies()       HttpGet mocks: bodies, error statuses, long and non-GSM text
    contexts()           whole render contexts built from the four above

Templates, for fuzzing the engine::

    templates()          text the AMPscript grammar generates, kept when the parser accepts it
    programs()           templates that compile: every call names a built-in with a valid
                         argument count, so rendering reaches the functions themselves

Each strategy draws its simplest, most ordinary value first (a known
keyword alone, a one-word name, the reply "OK"), so a shrunk failing example
reads like real traffic. The ``ampsms fuzz`` command builds on these.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Iterable, Sequence

import lark
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from .errors import AmpscriptSyntaxError
from .functions import FUNCTIONS
from .parser import grammar_path, parse

__all__ = [
    "COUNTRY_PATTERNS",
    "attribute_values",
    "contexts",
    "http_replies",
    "inbound_messages",
    "mobile_numbers",
    "programs",
    "templates",
]

# Characters people type or paste: every assigned code point except control
# characters, surrogates and private use. Line breaks and tabs come from the
# curated values instead.
_TYPED = st.characters(exclude_categories=["Cc", "Cs", "Co", "Cn"])

_FILLER_SENTENCES = [
    "Your order ships today.",
    "Reply STOP to end, HELP for help.",
    "Price: 212.40 {promo} [today]",
    "Café ☕ ouvert — à bientôt",
]


def _long_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    """Draw long text as one sentence repeated to a drawn length.

    Two choices make the text, so a failing example shrinks in a few steps to
    the shortest length and plainest sentence that still fail.
    """

    def repeat(sentence: str, size: int) -> str:
        copies = size // (len(sentence) + 1) + 1
        return " ".join([sentence] * copies)[:size]

    return st.builds(repeat, st.sampled_from(_FILLER_SENTENCES), st.integers(min_size, max_size))


# ------------------------------------------------------------------ inbound

_NOUN_WORDS = ["crm", "now", "2", "yes", "Ana", "store", "94105", "help"]
_ODD_NOUNS = [
    "CRM!",
    "c.r.m",
    "#1",
    "$5",
    "don't",
    "“crm”",
    "crm’s",
    "Zoë",
    "ça",
    "naïve",
    "東京",
    "👍",
    "🚀x",
    "{code}",
    "50%",
    "a\u00a0b",
]
_SEPARATORS = [" ", "  ", "\t", " \n", "\u00a0", "\r\n"]


def _mixed_case(word: str) -> list[str]:
    alternating = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))
    return [word, word.lower(), word.capitalize(), alternating]


@st.composite
def _inbound(draw, keywords: st.SearchStrategy[str]) -> str:
    keyword = draw(keywords.flatmap(lambda word: st.sampled_from(_mixed_case(word))))
    nouns = draw(
        st.one_of(
            st.just([]),
            st.lists(st.sampled_from(_NOUN_WORDS), min_size=1, max_size=3),
            st.lists(st.sampled_from(_NOUN_WORDS + _ODD_NOUNS), min_size=1, max_size=12),
            st.lists(st.text(_TYPED, min_size=1, max_size=12).filter(lambda w: w.strip() == w and w), min_size=1, max_size=5),
            _long_text(140, 400).map(lambda text: [text]),
        )
    )
    separator = st.sampled_from(_SEPARATORS)
    text = keyword
    for noun in nouns:
        text += draw(separator) + noun
    lead = draw(st.sampled_from(["", "", " ", "\n"]))
    tail = draw(st.sampled_from(["", "", " ", "!", "?", ".", "\n"]))
    return lead + text + tail


def inbound_messages(keywords: Iterable[str] | None = None) -> st.SearchStrategy[str]:
    """Draw inbound (MO) texts: a keyword followed by nouns, as contacts really type them.

    The keyword is one of ``keywords`` (default: a few common ones) in its
    given, lower, capitalized or alternating case, or another word, as when
    a contact mistypes it. A message has no nouns, a
    few, many, odd (punctuation, smart quotes, accents, emoji, other
    scripts), arbitrary typed text, or one run of 140 to 400 characters. Words are joined by single or extra spaces, a tab, a line
    break or a no-break space, and the text may start or end with white
    space or punctuation. The simplest draw is the first keyword alone.
    """
    words = list(keywords) if keywords is not None else ["JOIN", "STOP", "HELP", "INFO"]
    if not words:
        raise ValueError("inbound_messages() needs at least one keyword, or None for the default ones")
    chosen = st.sampled_from(words) | st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10)
    return _inbound(chosen)


# ------------------------------------------------------------ mobile numbers

# Mobile numbers as MobileConnect stores them: E.164 digits without the "+".
# Each pattern follows a country's mobile ranges. In the North American
# Numbering Plan the area code and the exchange start with 2-9. The others are
# UK 07 numbers, German 015x-017x, French 06 and 07, Brazilian numbers with the
# mobile 9 after the area code, Indian 6-9, Australian 04, Mexican 10-digit
# and Japanese 070/080/090 numbers.
COUNTRY_PATTERNS = {
    "US": r"1[2-9][0-9]{2}[2-9][0-9]{6}",
    "CA": r"1[2-9][0-9]{2}[2-9][0-9]{6}",
    "GB": r"447[1-9][0-9]{8}",
    "DE": r"491[5-7][0-9]{8,9}",
    "FR": r"33[67][0-9]{8}",
    "BR": r"55[1-9]{2}9[0-9]{8}",
    "IN": r"91[6-9][0-9]{9}",
    "AU": r"614[0-9]{8}",
    "MX": r"52[1-9][0-9]{9}",
    "JP": r"81[789]0[0-9]{8}",
}


def mobile_numbers(countries: Sequence[str] | None = None) -> st.SearchStrategy[str]:
    """Draw mobile numbers as E.164 digits without "+", from the given ISO country codes (default: all)."""
    chosen = list(COUNTRY_PATTERNS) if countries is None else [c.upper() for c in countries]
    unknown = [c for c in chosen if c not in COUNTRY_PATTERNS]
    if unknown or not chosen:
        raise ValueError(f"unknown country code {unknown!r}; known: {', '.join(COUNTRY_PATTERNS)}")
    return st.one_of([st.from_regex(COUNTRY_PATTERNS[c], fullmatch=True) for c in chosen])


# -------------------------------------------------------- attribute values

# Ordered so that shrinking ends on the first value that still fails: an
# ordinary one-word name comes before blanks and unusual text.
_CURATED_VALUES = [
    "Ana",
    "Ana Lima",
    "Mary Ann de la Cruz",
    "",
    " ",
    "   ",
    "\t",
    "\u00a0",
    " Ana ",
    "Ana\n",
    "ana",
    "ANA",
    "Zoë",
    "José",
    "Raphaël",
    "Łukasz",
    "François",
    "Ñuñez",
    "O’Brien",
    "O'Brien",
    "“VIP”",
    "Jean‐Luc",
    "Smith…",
    "Ana 🎉",
    "山田太郎",
    "Ελένη",
    "Дмитрий",
    "0",
    "42",
    "-1",
    "3.50",
    "007",
    "true",
    "NULL",
    "a,b;c",
]


# Formats of date attribute values: Marketing Cloud prints dates as
# "12/5/2026 9:30:00 AM", and imported data often uses ISO forms.
_DATE_FORMATS = ["%Y-%m-%d %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%b %d, %Y"]
_CURATED_DATES = ["2026-12-05 09:30", "12/5/2026 9:30 AM", "2026-12-05", "", " ", "2026-02-28 23:59", "1900-01-01", "9999-12-31"]
_CURATED_NUMBERS = ["42", "0", "", "-1", "3.50", "1000000", "0.005", " 7 "]
_CURATED_EMAILS = ["ana@example.com", "", "ANA@EXAMPLE.COM", "ana+sms@example.co.uk", "ana.lima@example"]

# Words in an attribute name that tell its data type. Marketing Cloud
# attributes are typed, so a date or number field never contains a name.
_DATE_WORDS = {"date", "time", "birthday", "dob", "expires", "expiry", "due", "when"}
_NUMBER_WORDS = {"points", "balance", "count", "amount", "price", "total", "qty", "quantity", "score", "age", "credits"}
_PHONE_WORDS = {"phone", "mobile", "cell"}
_EMAIL_WORDS = {"email", "mail"}
_NAME_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _date_values() -> st.SearchStrategy[str]:
    moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 12, 31))
    formatted = st.builds(lambda moment, pattern: moment.strftime(pattern), moments, st.sampled_from(_DATE_FORMATS))
    return st.sampled_from(_CURATED_DATES) | formatted


def _number_values() -> st.SearchStrategy[str]:
    numbers = st.integers(-1000, 10**9).map(str) | st.decimals(-10**6, 10**6, places=2).map(str)
    return st.sampled_from(_CURATED_NUMBERS) | numbers


def attribute_values(name: str | None = None) -> st.SearchStrategy[str]:
    """Draw contact attribute values: names, blanks, accents, smart quotes, numbers and long text.

    The curated values come first: one-word and several-word names, the
    empty string, white space only, padded values, accented letters outside
    GSM-7, smart quotes and dashes, emoji, other scripts, number-like text
    and separators. Then come names of 1 to 5 words, arbitrary
    typed text, and very long values (200 to 1,000 characters).

    With an attribute ``name`` whose words tell its type, the values fit
    that type: dates in several formats for ``AppointmentDate`` or
    ``Birthday``, numbers for ``Points`` or ``Balance``, mobile numbers for
    ``Phone``, email addresses for ``Email``. Those draw the empty string
    too, because a field can be blank.
    """
    words = {part.lower() for part in _NAME_PARTS.findall(name or "")}
    if words & _DATE_WORDS:
        return _date_values()
    if words & _NUMBER_WORDS:
        return _number_values()
    if words & _PHONE_WORDS:
        return mobile_numbers() | st.sampled_from(["", "555-0100", "+1 (555) 555-0100"])
    if words & _EMAIL_WORDS:
        return st.sampled_from(_CURATED_EMAILS) | st.emails()
    name_words = st.sampled_from(["Ana", "Bo", "Li", "Noor", "Kwame", "Zoë", "O’Neil", "van", "de"])
    return st.one_of(
        st.sampled_from(_CURATED_VALUES),
        st.lists(name_words, min_size=1, max_size=5).map(" ".join),
        st.text(_TYPED, max_size=40),
        _long_text(200, 1000),
    )


# ------------------------------------------------------------- HTTP replies

_CURATED_BODIES = [
    "OK",
    "CRM SALESFORCE INC 212.40",
    "",
    " ",
    "\r\n",
    "Your code is 123456",
    "Line one\r\nLine two",
    '{"status": "ok", "price": 212.4}',
    "<html><body>Service Unavailable</body></html>",
    "Café ☕ ouvert",
    "Price: €5 {promo} [today]",
    "“Quoted” reply — with dashes…",
    "👍",
    "Hi %%FirstName%%, your code is 1234",
]


def http_replies() -> st.SearchStrategy[Any]:
    """Draw HttpGet mocks: a reply body, or ``{"status": ..., "body": ...}`` for an HTTP error.

    Bodies include the empty string, white space, line breaks, JSON and
    HTML, a ``%%Name%%`` string (HttpGet output is not personalized),
    GSM-7 extension characters, non-GSM text and emoji, arbitrary
    text, and long bodies of 161 to 2,000 characters. Errors are 4xx and 5xx
    statuses with an empty or short body.
    """
    errors = st.builds(
        lambda status, body: {"status": status, "body": body},
        st.sampled_from([500, 404, 503, 400, 401, 403, 429, 502, 504]),
        st.sampled_from(["", "Not Found", "Internal Server Error", '{"error": "rate limited"}']),
    )
    return st.one_of(
        st.sampled_from(_CURATED_BODIES),
        errors,
        st.text(_TYPED, max_size=60),
        _long_text(161, 2000),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=80),
    )


# ---------------------------------------------------------------- contexts


def contexts(
    *,
    attributes: Iterable[str] = (),
    keywords: Iterable[str] | None = None,
    urls: Iterable[str] = (),
    wildcard_http: bool = True,
) -> st.SearchStrategy[dict[str, Any]]:
    """Draw render contexts as dicts of context parts for ``ampsms.make_context``.

    Each draw has an inbound message, a mobile number, a value for each
    named attribute (typed by its name, see attribute_values), and a reply
    for each URL. With ``wildcard_http`` a
    reply under the ``*`` pattern serves every other URL.
    """
    names = list(dict.fromkeys(attributes))
    url_list = list(dict.fromkeys(urls))
    http_keys = url_list + (["*"] if wildcard_http else [])
    return st.fixed_dictionaries(
        {
            "inbound": inbound_messages(keywords),
            "mobile_number": mobile_numbers(),
            "attributes": st.fixed_dictionaries({name: attribute_values(name) for name in names}),
            "http": st.fixed_dictionaries({key: http_replies() for key in http_keys}),
        }
    )


# ---------------------------------------------------------------- templates

_KEYWORDS = (
    "VAR", "SET", "IF", "THEN", "ELSEIF", "ELSE", "ENDIF", "FOR", "TO", "DOWNTO",
    "DO", "NEXT", "NOT", "TRUE", "FALSE", "MSG", "AND", "OR",
)
_ATTRIBUTE_NAMES = ["FirstName", "City", "MOBILE_NUMBER", "SHORT_CODE", "Points"]
_MSG_MEMBERS = ["VERB", "Nouns", "noun"]
_TEXT_ALPHABET = st.characters(
    codec="utf-8", exclude_categories=["Cs"], exclude_characters="%<"
) | st.sampled_from("abc XYZ 012 .,!?'\n\r\t€{}[]ëç—“👍")


def _padded(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Surround code tokens with spaces, so that two drawn tokens never run together."""
    return strategy.map(lambda token: f" {token} ")


def _spellings(word: str) -> list[str]:
    return [word, word.lower(), word.capitalize()]


@functools.lru_cache(maxsize=1)
def _grammar() -> lark.Lark:
    return lark.Lark(grammar_path().read_text(encoding="utf-8"), parser="lalr", lexer="contextual")


def _terminal_strategies() -> dict[str, st.SearchStrategy[str]]:
    """Strategies for the terminals whose regexes from_lark cannot use as they are.

    TEXT and NAME use lookaheads that only make sense to the contextual
    lexer, and drawing keywords, names and numbers from their regexes
    would let two tokens run together (``IF`` then ``x`` lexes as ``IFx``).
    """
    function_names = sorted({builtin.name for builtin in FUNCTIONS.values()})
    explicit = {keyword: _padded(st.sampled_from(_spellings(keyword))) for keyword in _KEYWORDS}
    explicit.update(
        {
            "TEXT": st.one_of(
                st.text(_TEXT_ALPHABET, min_size=1, max_size=30),
                st.sampled_from(["Reply STOP to end.", "50% off", "a <b> c", "100%!", "]%% =%%"]),
            ),
            "PERSONALIZATION": st.sampled_from(
                ["%%FirstName%%", "%%City%%", "%%mobile_number%%", "%%MSG(0).VERB%%", "%%Msg(0).Noun(1)%%", "%%_messagecontext%%"]
            ),
            "NAME": _padded(st.sampled_from(function_names + _ATTRIBUTE_NAMES + _MSG_MEMBERS)),
            "BRACKET_NAME": _padded(
                st.sampled_from(["[First Name]", "[FirstName]", "[MSG(0).NOUNS]", "[MOBILE_NUMBER]", "[]"])
            ),
            "VARIABLE": _padded(st.sampled_from(["@a", "@b", "@i", "@Name", "@A"])),
            "NUMBER": _padded(
                st.sampled_from(["0", "1", "2", "-1", "3.50", "10", ".5", "9223372036854775808"])
                | st.integers(-20, 20).map(str)
            ),
            "STRING": _padded(
                st.sampled_from(['""', '"hi"', "'x'", '"JOIN"', '"a ""quoted"" b"', "'it''s'", '" "', '"Zoë"', '"1"', '"2026-12-04"'])
            ),
            "SCRIPT_OPEN": st.sampled_from(
                ['<script runat="server" language="ampscript">', "<script language=\"ampscript\" runat='server'>"]
            ),
            "SCRIPT_CLOSE": st.sampled_from(["</script>", "</SCRIPT >"]),
            # Lark's WHITESPACE also matches runs of form feeds and no-break
            # spaces; a few short runs keep drawn templates readable.
            "WHITESPACE": st.sampled_from([" ", "\n", "  ", "\t", "\u00a0", "\r\n"]),
            "COMMENT": st.just(" /* note */ "),
        }
    )
    return explicit


def _parses(source: str) -> bool:
    try:
        parse(source)
    except AmpscriptSyntaxError:
        return False
    return True


def templates(*, parseable: bool = True) -> st.SearchStrategy[str]:
    """Draw AMPscript templates from the grammar in grammar/ampscript.lark.

    Text comes from hypothesis's ``from_lark`` with hand-written strategies
    for the terminals that need the contextual lexer (literal text,
    ``%%Name%%`` strings, names, keywords). Drawn tokens can still combine
    into text the parser rejects, such as a block opened with ``%%[`` and
    closed with ``</script>`` or ``MSG(0).Foo``. With ``parseable`` (the
    default) only templates that ampsms's parser accepts are kept. With
    ``parseable=False`` every drawn text is returned, which fuzzes the
    parser's error reporting.
    """
    drawn = from_lark(_grammar(), start="start", explicit=_terminal_strategies())
    if parseable:
        return drawn.filter(_parses)
    return drawn


# ----------------------------------------------------------------- programs

_LITERAL_VALUES = [
    '""', '"hi"', '"JOIN"', '"Zoë"', '"  a b  "', "'it''s'", '"a,b;c"', '"2026-12-04"', '"12/4/2026 9:30 AM"',
    '"2026-12-04T09:30:00-06:00"', '"3.50"', '"-1"', '"1,234.5"', '"abc"', '"<a><b>1</b></a>"', '"{""a"": [1, 2]}"',
    '"https://q.example/x?s=1"', '"C"', '"N2"', '"MM/dd/yyyy"', '"%"', '"€{}"', '"👍"',
    "0", "1", "-1", "2", "3.5", "100", "-2.75", "0.0001", "9223372036854775807", "-9223372036854775808",
    "99999999999999999999", "true", "false",
]
_PROGRAM_ATOMS = [
    "@a", "@b", "@c", "[FirstName]", "City", "[Points]", "MSG(0)", "MSG(0).VERB", "MSG(0).NOUNS", "MSG(0).NOUN(0)",
    "MSG(0).NOUN(5)", "[MOBILE_NUMBER]", "SHORT_CODE",
    # Values no literal can write: infinity, NaN, a double past Int64, a date.
    "Divide(1, 0)", "Divide(0, 0)", "Multiply(9223372036854775807, 10)", "Now()", 'StringToDate("2026-12-04 09:30")',
    # Half of a surrogate pair, which Substring can cut from an emoji as .NET does.
    'Substring("👍", 1, 1)',
]
_PROGRAM_VARIABLES = ["@a", "@b", "@c"]
_COMPARISONS = ["==", "!=", "<", "<=", ">", ">="]


def _call(name: str, min_args: int, max_args: int | None, outputs: tuple[int, ...], arguments) -> st.SearchStrategy[str]:
    most = max_args if max_args is not None else min_args + 3

    def build(values: list[str], variables: list[str]) -> str:
        # Output arguments must be @variables, so those positions take one.
        args = [variables[index] if index in outputs else value for index, value in enumerate(values)]
        return f"{name}({', '.join(args)})"

    return st.integers(min_args, most).flatmap(
        lambda count: st.builds(
            build,
            st.lists(arguments, min_size=count, max_size=count),
            st.lists(st.sampled_from(_PROGRAM_VARIABLES), min_size=count, max_size=count),
        )
    )


def _expressions() -> st.SearchStrategy[str]:
    value_functions = sorted(
        (builtin for builtin in {b.name: b for b in FUNCTIONS.values()}.values() if not builtin.writes_output),
        key=lambda builtin: builtin.name,
    )
    atoms = st.sampled_from(_LITERAL_VALUES) | st.sampled_from(_PROGRAM_ATOMS)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        calls = st.sampled_from(value_functions).flatmap(
            lambda builtin: _call(builtin.name, builtin.min_args, builtin.max_args, builtin.output_args, inner)
        )
        comparisons = st.builds(lambda left, op, right: f"{left} {op} {right}", inner, st.sampled_from(_COMPARISONS), inner)
        logic = st.builds(lambda left, op, right: f"({left} {op} {right})", inner, st.sampled_from(["AND", "OR"]), inner)
        negation = inner.map(lambda operand: f"(NOT ({operand}))")
        return calls | comparisons | logic | negation

    return st.recursive(atoms, extend, max_leaves=8)


def _statements(expressions: st.SearchStrategy[str], *, loops: bool) -> st.SearchStrategy[str]:
    assign = st.builds(lambda name, value: f"SET {name} = {value}", st.sampled_from(_PROGRAM_VARIABLES), expressions)
    declare = st.sampled_from(["VAR @a", "VAR @b, @c"])
    output = expressions.map(lambda value: f"Output(Concat({value}))")
    simple = assign | declare | output
    branch = st.builds(
        lambda condition, then, otherwise: f"IF {condition} THEN {then} ELSE {otherwise} ENDIF",
        expressions,
        st.lists(simple, max_size=3).map(" ".join),
        st.lists(simple, max_size=2).map(" ".join),
    )
    statement = simple | branch
    if loops:
        # Loops hold no loops and run at most 6 passes: a string doubled on
        # every pass of nested loops would outgrow memory.
        loop = st.builds(
            lambda start, end, body: f"FOR @i = {start} TO {end} DO {body} NEXT @i",
            st.integers(-1, 2),
            st.integers(0, 5),
            st.lists(statement, min_size=1, max_size=3).map(" ".join),
        )
        statement = statement | loop
    return statement


def programs() -> st.SearchStrategy[str]:
    """Draw templates that compile: text, inline expressions and code blocks with valid calls.

    Every call names a built-in with an argument count it accepts, and
    arguments are literals, variables, attributes, MSG(0) members and
    nested calls. Blocks hold SET, VAR, IF and one level of FOR loops of a
    few passes. Rendering such a template exercises the functions with odd
    values, so it should raise nothing but AmpscriptError.
    """
    expressions = _expressions()
    block = st.lists(_statements(expressions, loops=True), min_size=1, max_size=4).map(
        lambda statements: "%%[ " + " ".join(statements) + " ]%%"
    )
    inline = expressions.map(lambda value: f"%%={value}=%%")
    text = st.sampled_from(["Hi ", "\n", "Reply STOP to end.", " %%FirstName%% ", "—", ""])
    return st.lists(block | inline | text, min_size=1, max_size=6).map("".join)
