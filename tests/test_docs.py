"""The generated function reference matches the registry, and every built-in is documented and tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ampsms.docs import REGENERATE_COMMAND, functions_reference, main
from ampsms.functions import FUNCTIONS

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "functions.md"
TESTS = Path(__file__).parent

BUILTINS = sorted(FUNCTIONS.values(), key=lambda function: function.name.lower())
NAMES = [function.name for function in BUILTINS]


def test_functions_page_up_to_date():
    committed = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    assert committed == functions_reference(), f"docs/functions.md is out of date; run: {REGENERATE_COMMAND}"


def test_page_lists_every_function():
    page = functions_reference()
    missing = [name for name in NAMES if f"### {name}\n" not in page]
    assert missing == []


def test_page_lists_unsupported_reason():
    assert "| InsertData | Data Extension | it inserts data extension rows" in functions_reference()


def test_generator_writes_file(tmp_path):
    target = tmp_path / "functions.md"
    target.write_text("old", encoding="utf-8")
    assert main(["functions", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == functions_reference()


def test_generator_prints(capsys):
    main(["functions"])
    assert capsys.readouterr().out == functions_reference()


@pytest.mark.parametrize("function", BUILTINS, ids=NAMES)
def test_builtin_has_docstring(function):
    assert function.doc.strip() != ""


@pytest.mark.parametrize("function", BUILTINS, ids=NAMES)
def test_builtin_signature_names_function(function):
    assert function.signature.lower().startswith(function.name.lower() + "(")


@pytest.mark.parametrize("function", BUILTINS, ids=NAMES)
def test_builtin_has_example(function):
    assert function.name.lower() in function.example.lower()


def _test_sources() -> str:
    paths = [path for path in TESTS.glob("test_*.py") if path.name != Path(__file__).name]
    paths += list((TESTS / "cases").glob("*.cases"))
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(paths))


SOURCES = _test_sources()


@pytest.mark.parametrize("function", BUILTINS, ids=NAMES)
def test_builtin_used_in_tests(function):
    pattern = re.compile(rf"\b{re.escape(function.name)}\s*\(", re.IGNORECASE)
    used = pattern.search(SOURCES) is not None
    assert used, f"no test calls {function.name}(...)"
