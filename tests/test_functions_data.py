"""Data extension lookups against CSV files, rendered end to end."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ampsms

DATA = Path(__file__).parent / "data"
FOLDER = DATA / "de"


def render(source: str, data_extensions=FOLDER, **parts) -> str:
    return ampsms.render(source, data_extensions=data_extensions, **parts)


def render_error(source: str, data_extensions=FOLDER, **parts) -> ampsms.AmpscriptRuntimeError:
    with pytest.raises(ampsms.AmpscriptRuntimeError) as caught:
        ampsms.render(source, data_extensions=data_extensions, **parts)
    return caught.value


# ----------------------------------------------------------------- Lookup


def test_lookup_first_match():
    assert render('%%=Lookup("Stores", "Name", "City", "Oslo")=%%') == "Karl Johan"


def test_lookup_ignores_value_case():
    assert render('%%=Lookup("Stores", "Name", "City", "BERGEN")=%%') == "Bryggen"


def test_lookup_ignores_name_case():
    assert render('%%=Lookup("stores", "name", "CITY", "Bergen")=%%') == "Bryggen"


def test_lookup_several_pairs():
    assert render('%%=Lookup("Stores", "Name", "City", "oslo", "StoreID", 4)=%%') == "Majorstuen"


def test_lookup_number_matches_text():
    assert render('%%=Lookup("Stores", "City", "StoreID", 5)=%%') == "Trondheim"


def test_lookup_decimal_matches_whole_text():
    assert render('%%=Lookup("Stores", "City", "StoreID", "5.0")=%%') == "Trondheim"


def test_lookup_no_match_is_empty():
    assert render('[%%=Lookup("Stores", "Name", "City", "Paris")=%%]') == "[]"


def test_lookup_no_match_not_null():
    source = '%%[ SET @x = Lookup("Stores", "Name", "City", "Paris") ]%%%%=IsNull(@x)=%%/%%=Empty(@x)=%%'
    assert render(source) == "False/True"


def test_lookup_empty_cell_is_null():
    assert render('%%=IsNull(Lookup("Stores", "Phone", "StoreID", 3))=%%') == "True"


def test_lookup_ignores_trailing_spaces():
    assert render('%%=Lookup("Stores", "Name", "City", "Bergen  ")=%%') == "Bryggen"


def test_lookup_keeps_leading_spaces():
    assert render('[%%=Lookup("Stores", "Name", "City", "  Bergen")=%%]') == "[]"


def test_lookup_cs_ignores_trailing_spaces():
    assert render('%%=RowCount(LookupRowsCS("Stores", "City", "Oslo "))=%%') == "2"


def test_lookup_null_search_finds_nothing():
    assert render('[%%=Lookup("Stores", "Name", "Phone", "")=%%]') == "[]"


def test_lookup_quoted_csv_field():
    assert render('%%=Lookup("Coupons", "Status", "Code", "B,200")=%%') == 'used "twice"'


def test_lookup_bom_header():
    assert render('%%=Lookup("Coupons", "Code", "Mobile", "4790000002")=%%') == "A-101"


def test_lookup_with_dict_context():
    parts = {"Shops": str(FOLDER / "Stores.csv")}
    assert render('%%=Lookup("SHOPS", "Name", "StoreID", 2)=%%', data_extensions=parts) == "Bryggen"


def test_lookup_odd_pairs():
    error = render_error('%%=Lookup("Stores", "Name", "City", "Oslo", "Rank")=%%')
    assert "pairs" in error.message


def test_lookup_missing_column():
    error = render_error('%%=Lookup("Stores", "Email", "City", "Oslo")=%%')
    assert "no column 'Email'" in error.message


def test_lookup_missing_column_names_file():
    error = render_error('%%=Lookup("Stores", "Name", "Town", "Oslo")=%%')
    assert "Stores.csv" in error.message


def test_lookup_missing_de_names_file():
    error = render_error('%%=Lookup("Customers", "Name", "City", "Oslo")=%%')
    assert str(FOLDER / "Customers.csv") in error.message


def test_lookup_missing_de_in_dict():
    error = render_error('%%=Lookup("Customers", "Name", "City", "Oslo")=%%', data_extensions={"Stores": "x.csv"})
    assert "Stores" in error.message


def test_lookup_missing_file_in_dict():
    missing = str(DATA / "nowhere.csv")
    error = render_error('%%=Lookup("Stores", "Name", "City", "Oslo")=%%', data_extensions={"Stores": missing})
    assert missing in error.message


def test_lookup_without_data_extensions():
    error = render_error('%%=Lookup("Stores", "Name", "City", "Oslo")=%%', data_extensions=None)
    assert "--data-extensions" in (error.hint or "")


def test_lookup_folder_missing():
    error = render_error('%%=Lookup("Stores", "Name", "City", "Oslo")=%%', data_extensions=str(DATA / "nope"))
    assert "not a folder" in error.message


def test_lookup_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%=Lookup("Stores", "Name", "City")=%%')


# ------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("file", "message"),
    [
        ("bad_row.csv", "line 3"),
        ("duplicate_column.csv", "twice"),
        ("empty.csv", "no header"),
    ],
)
def test_bad_csv_files(file, message):
    error = render_error('%%=Lookup("T", "Name", "City", "Oslo")=%%', data_extensions={"T": str(DATA / file)})
    assert message in error.message


# ------------------------------------------------------------ LookupRows


def test_lookup_rows_count():
    assert render('%%=RowCount(LookupRows("Stores", "City", "oslo"))=%%') == "3"


def test_lookup_rows_file_order():
    source = (
        '%%[ SET @r = LookupRows("Stores", "City", "Oslo") '
        'FOR @i = 1 TO RowCount(@r) DO Output(Concat(Field(Row(@r, @i), "StoreID"), ";")) NEXT @i ]%%'
    )
    assert render(source) == "1;3;4;"


def test_lookup_rows_no_match():
    assert render('%%=RowCount(LookupRows("Stores", "City", "Paris"))=%%') == "0"


def test_lookup_rows_field_null():
    assert render('%%=IsNull(Field(Row(LookupRows("Stores", "StoreID", 4), 1), "Rank"))=%%') == "True"


def test_lookup_rows_cs_matches_case():
    assert render('%%=RowCount(LookupRowsCS("Stores", "City", "Oslo"))=%%') == "2"


def test_lookup_rows_cs_lower():
    assert render('%%=RowCount(LookupRowsCS("Stores", "City", "oslo"))=%%') == "1"


def test_lookup_rows_odd_pairs():
    assert "pairs" in render_error('%%=RowCount(LookupRows("Stores", "City", "Oslo", "Rank"))=%%').message


def test_lookup_rows_limit(tmp_path):
    lines = ["N"] + [str(i) for i in range(2500)]
    big = tmp_path / "Big.csv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = '%%[ SET @r = LookupRows("Big", "N", "1") ]%%%%=RowCount(@r)=%%'
    assert render(source, data_extensions=tmp_path) == "1"
    text = "N,K\n" + "".join(f"{i},k\n" for i in range(2500))
    big.write_text(text, encoding="utf-8")
    assert render('%%=RowCount(LookupRows("Big", "K", "k"))=%%', data_extensions=tmp_path) == "2000"


def test_data_extension_row_count():
    assert render('%%=DataExtensionRowCount("Stores")=%%') == "5"


# ----------------------------------------------------- LookupOrderedRows


def ids(source: str) -> str:
    loop = 'FOR @i = 1 TO RowCount(@r) DO Output(Concat(Field(Row(@r, @i), "StoreID"), ";")) NEXT @i ]%%'
    return render(f"%%[ SET @r = {source} {loop}")


def test_ordered_rows_numeric_desc():
    assert ids('LookupOrderedRows("Stores", 0, "Rank DESC", "City", "Oslo")') == "1;3;4;"


def test_ordered_rows_numeric_asc_nulls_first():
    assert ids('LookupOrderedRows("Stores", 0, "Rank ASC", "City", "Oslo")') == "4;3;1;"


def test_ordered_rows_numeric_not_text_order():
    assert ids('LookupOrderedRows("Stores", 0, "Rank", "City", "Oslo")') == "4;3;1;"


def test_ordered_rows_dates():
    assert ids('LookupOrderedRows("Stores", 2, "Opened desc", "City", "Oslo")') == "3;1;"


def test_ordered_rows_count_limits():
    assert ids('LookupOrderedRows("Stores", 1, "Name", "City", "Oslo")') == "3;"


def test_ordered_rows_two_keys():
    assert ids('LookupOrderedRows("Stores", -1, "City, StoreID DESC", "Opened", "2010-01-15")') == "4;"


def test_ordered_rows_text_ignores_case():
    assert ids('LookupOrderedRows("Stores", 0, "City DESC, StoreID", "Rank", "2")') == "2;"


def test_ordered_rows_cs():
    assert ids('LookupOrderedRowsCS("Stores", 0, "StoreID DESC", "City", "Oslo")') == "4;1;"


def test_ordered_rows_unknown_sort_column():
    error = render_error('%%=RowCount(LookupOrderedRows("Stores", 0, "Size", "City", "Oslo"))=%%')
    assert "no column 'Size'" in error.message


def test_ordered_rows_bad_count():
    assert render_error('%%=RowCount(LookupOrderedRows("Stores", "all", "Rank", "City", "Oslo"))=%%').function == (
        "LookupOrderedRows"
    )


def test_ordered_rows_arity():
    with pytest.raises(ampsms.AmpscriptSyntaxError):
        ampsms.compile('%%=RowCount(LookupOrderedRows("Stores", 0, "Rank", "City"))=%%')


# ------------------------------------------------------------------ cache


def test_csv_read_once_per_context(tmp_path):
    shutil.copy(FOLDER / "Stores.csv", tmp_path / "Stores.csv")
    context = ampsms.make_context(data_extensions=str(tmp_path))
    template = ampsms.compile('%%=Lookup("Stores", "Name", "StoreID", 2)=%%')
    assert template.render(context=context) == "Bryggen"
    (tmp_path / "Stores.csv").write_text("StoreID,Name\n2,Changed\n", encoding="utf-8")
    assert template.render(context=context) == "Bryggen"


def test_csv_reread_for_new_context(tmp_path):
    shutil.copy(FOLDER / "Stores.csv", tmp_path / "Stores.csv")
    template = ampsms.compile('%%=Lookup("Stores", "Name", "StoreID", 2)=%%')
    template.render(data_extensions=str(tmp_path))
    (tmp_path / "Stores.csv").write_text("StoreID,Name\n2,Changed\n", encoding="utf-8")
    assert template.render(data_extensions=str(tmp_path)) == "Changed"


def test_folder_name_ignores_case(tmp_path):
    (tmp_path / "loyalty.CSV").write_text("Tier,Perk\ngold,Lounge\n", encoding="utf-8")
    assert render('%%=Lookup("Loyalty", "Perk", "Tier", "Gold")=%%', data_extensions=tmp_path) == "Lounge"


def test_null_cell_error_names_null():
    error = render_error('%%=DateAdd(Lookup("Stores", "Phone", "StoreID", 3), 1, "D")=%%')
    assert "database null" in error.message


# -------------------------------------------------------------- command line


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ampsms", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_cli_data_extensions_folder(tmp_path):
    (tmp_path / "reply.amp").write_text('%%=Lookup("Stores", "Name", "City", MSG(0).NOUNS)=%%', encoding="utf-8")
    result = run_cli("render", "reply.amp", "--mo", "STORE bergen", "--data-extensions", str(FOLDER), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Bryggen"


def test_cli_context_file_paths_relative(tmp_path):
    (tmp_path / "fixtures").mkdir()
    shutil.copy(FOLDER / "Stores.csv", tmp_path / "fixtures" / "shops.csv")
    (tmp_path / "ctx.json").write_text('{"data_extensions": {"Shops": "fixtures/shops.csv"}}', encoding="utf-8")
    (tmp_path / "reply.amp").write_text('%%=Lookup("Shops", "Name", "StoreID", 5)=%%', encoding="utf-8")
    result = run_cli("render", str(tmp_path / "reply.amp"), "--context", str(tmp_path / "ctx.json"), cwd=DATA)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Solsiden"


def test_cli_missing_data_extension_exit_code(tmp_path):
    (tmp_path / "reply.amp").write_text('%%=Lookup("Customers", "Name", "City", "Oslo")=%%', encoding="utf-8")
    result = run_cli("render", "reply.amp", "--data-extensions", str(FOLDER), cwd=tmp_path)
    assert result.returncode == 1
    assert "Customers.csv" in result.stderr


# ---------------------------------------------------------------- property

CELLS = ["", "a", "A", "a ", " a", "1", "1.0", "01", "-1", "b", "ß", "SS"]


def naive_match(cell: str, value: str, case_sensitive: bool) -> bool:
    if cell == "":
        return False
    left, right = cell.rstrip(" "), value.rstrip(" ")
    if not case_sensitive:
        left, right = left.lower(), right.lower()
    if left == right:
        return True
    try:
        return float(cell) == float(value)
    except ValueError:
        return False


@given(
    cells=st.lists(st.sampled_from(CELLS), min_size=1, max_size=12),
    value=st.sampled_from(CELLS[1:]),
    case_sensitive=st.booleans(),
)
def test_lookup_rows_match_naive_filter(cells, value, case_sensitive):
    with tempfile.TemporaryDirectory() as folder:
        lines = ["Id,Key"] + [f'{number},"{cell}"' for number, cell in enumerate(cells)]
        Path(folder, "T.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        function = "LookupRowsCS" if case_sensitive else "LookupRows"
        source = (
            f'%%[ SET @r = {function}("T", "Key", @value) '
            'FOR @i = 1 TO RowCount(@r) DO Output(Concat(Field(Row(@r, @i), "Id"), ";")) NEXT @i ]%%'
        ).replace("@value", '"' + value + '"')
        expected = "".join(f"{number};" for number, cell in enumerate(cells) if naive_match(cell, value, case_sensitive))
        assert render(source, data_extensions=folder) == expected
