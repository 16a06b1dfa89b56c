"""Tests for ampsms.sms: GSM-7 and UCS-2 length, segments, split and replacements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ampsms
from ampsms.sms import (
    GSM_BASIC,
    GSM_EXTENSION,
    TYPOGRAPHIC_REPLACEMENTS,
    analyze,
    is_gsm,
    replace_typographic,
    suggest_replacement,
)

GSM_ALPHABET = sorted(GSM_BASIC | GSM_EXTENSION)
gsm_text = st.text(alphabet=GSM_ALPHABET)
any_text = st.text(alphabet=st.characters(codec="utf-8"))


def septets(text: str) -> int:
    return sum(2 if char in GSM_EXTENSION else 1 for char in text)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ----------------------------------------------------------- worked numbers


def test_gsm_160_chars_one_segment():
    info = analyze("a" * 160)
    assert info.encoding == "GSM-7"
    assert info.length == 160
    assert info.segments == 1
    assert info.per_segment == 160
    assert info.parts == ["a" * 160]


def test_gsm_161_chars_two_segments():
    info = analyze("a" * 161)
    assert info.length == 161
    assert info.segments == 2
    assert info.per_segment == 153
    assert info.parts == ["a" * 153, "a" * 8]


def test_gsm_306_chars_two_segments():
    info = analyze("x" * 306)
    assert info.segments == 2


def test_gsm_307_chars_three_segments():
    info = analyze("x" * 307)
    assert info.segments == 3


def test_escape_pairs_153_brackets_three_segments():
    info = analyze("]" * 153)
    assert info.length == 306
    assert info.segments == 3
    assert [len(part) for part in info.parts] == [76, 76, 1]


def test_escape_pair_not_split_at_boundary():
    info = analyze("a" * 152 + "€" + "b" * 10)
    assert info.parts[0] == "a" * 152
    assert info.parts[1] == "€" + "b" * 10


def test_euro_counts_two_septets():
    info = analyze("a" * 159 + "€")
    assert info.encoding == "GSM-7"
    assert info.length == 161
    assert info.segments == 2


def test_euro_listed_as_extension_char():
    info = analyze("Price: 5€")
    assert [(c.index, c.char, c.code_point) for c in info.extension_chars] == [(8, "€", "U+20AC")]
    assert info.non_gsm == []


def test_extension_chars_ascii_positions():
    info = analyze("a{\nb}")
    assert [(c.line, c.column, c.char) for c in info.extension_chars] == [(1, 2, "{"), (2, 2, "}")]


def test_form_feed_is_extension():
    info = analyze("a\fb")
    assert info.length == 4
    assert info.encoding == "GSM-7"


def test_emoji_forces_ucs2_two_units():
    info = analyze("Hi 😀")
    assert info.encoding == "UCS-2"
    assert info.length == 5
    assert info.segments == 1
    assert info.per_segment == 70


def test_emoji_recorded_with_code_point():
    info = analyze("Hi 😀")
    [record] = info.non_gsm
    assert record.index == 3
    assert record.code_point == "U+1F600"
    assert record.replacement is None


def test_ucs2_70_units_one_segment():
    info = analyze("ж" * 70)
    assert info.segments == 1


def test_ucs2_71_units_two_segments():
    info = analyze("ж" * 71)
    assert info.segments == 2
    assert info.per_segment == 67
    assert [len(part) for part in info.parts] == [67, 4]


def test_surrogate_pair_not_split_at_boundary():
    info = analyze("ж" * 66 + "😀" + "ж")
    assert info.length == 69
    assert info.segments == 1
    info = analyze("ж" * 66 + "😀" + "ж" * 5)
    assert info.parts == ["ж" * 66, "😀" + "ж" * 5]


def test_extension_char_one_unit_after_ucs2_switch():
    info = analyze("{ç}€")
    assert info.encoding == "UCS-2"
    assert info.length == 4


def test_extension_chars_listed_after_ucs2_switch():
    info = analyze("{ç}")
    assert len(info.extension_chars) == 2


def test_zwj_sequence_costs_sum_of_units():
    family = "👨\u200d👩\u200d👧"
    info = analyze(family)
    assert info.length == 8


def test_empty_text_zero_segments():
    info = analyze("")
    assert info.encoding == "GSM-7"
    assert info.length == 0
    assert info.segments == 0
    assert info.parts == []


def test_single_limit_by_encoding():
    assert analyze("a").single_limit == 160
    assert analyze("ж").single_limit == 70


# ---------------------------------------------------------- the alphabet


def test_small_c_cedilla_not_gsm():
    info = analyze("Français")
    assert info.encoding == "UCS-2"
    assert info.non_gsm[0].char == "ç"


def test_capital_c_cedilla_is_gsm():
    assert analyze("FRANÇAIS").encoding == "GSM-7"


@pytest.mark.parametrize("char", ["`", "\t", "\x1b", "\x00", "\x7f", "\u00a0", "ë", "’"])
def test_non_gsm_characters(char):
    assert not is_gsm(char)


@pytest.mark.parametrize("char", ["@", "£", "\n", "\r", "Δ", "ß", "¿", "à", "§", "¤", "_"])
def test_gsm_basic_characters(char):
    info = analyze(char)
    assert info.encoding == "GSM-7"
    assert info.length == 1


def test_gsm_basic_has_127_characters():
    assert len(GSM_BASIC) == 127


def test_backtick_forces_ucs2():
    info = analyze("say `hi`")
    assert info.encoding == "UCS-2"
    assert [c.index for c in info.non_gsm] == [4, 7]


def test_backtick_replacement_apostrophe():
    assert analyze("`").non_gsm[0].replacement == "'"


# ----------------------------------------------------------- positions


def test_non_gsm_position_second_line():
    info = analyze("ab\ncd’x")
    [record] = info.non_gsm
    assert (record.index, record.line, record.column) == (5, 2, 3)
    assert record.code_point == "U+2019"
    assert record.replacement == "'"
    assert record.typographic


def test_position_after_crlf():
    info = analyze("a\r\nb\r\n“x")
    [record] = info.non_gsm
    assert (record.line, record.column) == (3, 1)


def test_position_after_lone_cr():
    info = analyze("a\r“")
    [record] = info.non_gsm
    assert (record.line, record.column) == (2, 1)


def test_every_occurrence_recorded():
    info = analyze("“a” “b”")
    assert [c.index for c in info.non_gsm] == [0, 2, 4, 6]


# -------------------------------------------------------- replacements


@pytest.mark.parametrize(
    "char, replacement",
    [
        ("\u2018", "'"),
        ("\u2019", "'"),
        ("\u201a", ","),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u00ab", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2026", "..."),
        ("\u2022", "-"),
        ("\u00a0", " "),
        ("\u202f", " "),
        ("\u2009", " "),
        ("\u3000", " "),
        ("\u200b", ""),
        ("\ufeff", ""),
        ("\u2039", "<"),
        ("\u203a", ">"),
        ("\u203c", "!!"),
        ("\u00bd", "1/2"),
        ("\u00be", "3/4"),
        ("\u2044", "/"),
        ("\u00b4", "'"),
        ("\t", " "),
        ("\uff21", "A"),
        ("\uff01", "!"),
        ("\uff40", "'"),
        ("\u2028", "\n"),
    ],
)
def test_typographic_replacement(char, replacement):
    assert suggest_replacement(char) == replacement


@pytest.mark.parametrize("char, replacement", [("ç", "c"), ("ë", "e"), ("ê", "e"), ("ł", "l"), ("ﬁ", "fi"), ("²", "2")])
def test_letter_suggestion(char, replacement):
    assert suggest_replacement(char) == replacement


def test_letter_suggestion_not_typographic():
    [record] = analyze("Raphaël").non_gsm
    assert record.replacement == "e"
    assert not record.typographic


def test_no_suggestion_for_cjk():
    assert suggest_replacement("漢") is None


def test_typographic_replacements_are_gsm():
    bad = {char: text for char, text in TYPOGRAPHIC_REPLACEMENTS.items() if not is_gsm(text)}
    assert bad == {}


def test_replace_typographic_keeps_letters():
    assert replace_typographic("“Raphaël” – ça…") == '"Raphaël" - ça...'


def test_replace_typographic_ascii_unchanged():
    text = "plain {text}"
    assert replace_typographic(text) is text


def test_replace_typographic_tab_and_backtick():
    assert replace_typographic("a\t`b`") == "a 'b'"


# ------------------------------------------------------------ public API


def test_exported_from_package():
    assert ampsms.analyze_sms is analyze
    assert ampsms.SmsInfo is type(analyze("x"))


# ------------------------------------------------------------- properties


@given(any_text, any_text)
def test_segments_never_decrease_on_append(text, more):
    assert analyze(text + more).segments >= analyze(text).segments


@given(gsm_text)
def test_gsm_text_never_ucs2(text):
    assert analyze(text).encoding == "GSM-7"


@given(gsm_text)
def test_gsm_length_at_least_chars(text):
    assert analyze(text).length >= len(text)


@given(gsm_text)
def test_gsm_length_counts_septets(text):
    assert analyze(text).length == septets(text)


@given(any_text)
def test_parts_join_to_text(text):
    assert "".join(analyze(text).parts) == text


@given(any_text)
def test_segments_match_parts(text):
    info = analyze(text)
    assert info.segments == len(info.parts)


@given(any_text)
def test_parts_fit_segment_limit(text):
    info = analyze(text)
    measure = septets if info.encoding == "GSM-7" else utf16_units
    assert all(measure(part) <= info.per_segment for part in info.parts)


@given(any_text)
def test_ucs2_length_is_utf16_units(text):
    info = analyze(text)
    if info.encoding == "UCS-2":
        assert info.length == utf16_units(text)


@given(any_text)
def test_non_gsm_index_points_at_char(text):
    info = analyze(text)
    assert all(text[c.index] == c.char for c in info.non_gsm)


@given(st.text(alphabet=GSM_ALPHABET + sorted(TYPOGRAPHIC_REPLACEMENTS)))
def test_replace_typographic_yields_gsm(text):
    assert is_gsm(replace_typographic(text))


def test_records_read_lazily():
    info = analyze("“a” {b}")
    assert info._non_gsm is None
    assert [c.char for c in info.non_gsm] == ["“", "”"]
    assert [c.char for c in info.extension_chars] == ["{", "}"]


def test_repr_shows_numbers():
    assert repr(analyze("hi")) == "SmsInfo(encoding='GSM-7', length=2, segments=1, per_segment=160)"


def test_is_gsm_non_ascii():
    assert is_gsm("Ça coûte 5€") is False
    assert is_gsm("Ça coute 5€") is True
