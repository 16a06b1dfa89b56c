"""Template test files: loading, checking, diffs, ``--update`` and the ``ampsms test`` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ampsms.cli import main
from ampsms.testing import (
    TestFileError,
    UpdateError,
    diff_texts,
    find_test_files,
    load_test_file,
    run_test_file,
    update_expectations,
    visible_text,
)
from ampsms.tomledit import find_table_values, toml_string

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path):
    """A folder with a greeting template and a context file next to it."""
    write(tmp_path, "greet.amp", "Hi %%=v([FirstName])=%%, you texted %%=v(MSG(0).VERB)=%%")
    write(tmp_path, "base.json", '{"attributes": {"FirstName": "Ana", "City": "Oslo"}, "inbound": "JOIN now"}')
    return tmp_path


def results_of(path: Path) -> dict[str, object]:
    return {result.case.name: result for result in run_test_file(load_test_file(path))}


# ------------------------------------------------------------------ loading


def test_load_defaults_and_overrides(project):
    path = write(
        project,
        "greet.test.toml",
        """
template = "greet.amp"
context = "base.json"

[[case]]
name = "default context"
expect = "Hi Ana, you texted JOIN"

[[case]]
name = "attributes merge"
inbound = "STOP"
attributes = { FirstName = "Bo" }
expect = "Hi Bo, you texted STOP"
""",
    )
    cases = load_test_file(path).cases
    assert cases[1].context["attributes"] == {"FirstName": "Bo", "City": "Oslo"}
    assert cases[1].context["inbound"] == "STOP"
    assert all(result.passed for result in results_of(path).values())


def test_case_context_replaces_default(project):
    path = write(
        project,
        "greet.test.toml",
        """
template = "greet.amp"
context = "base.json"

[[case]]
name = "fresh context"
context = { inbound = "HELP" }
expect = "Hi , you texted HELP"
""",
    )
    assert load_test_file(path).cases[0].context == {"inbound": "HELP"}
    assert results_of(path)["fresh context"].passed


def test_load_records_case_lines(project):
    path = write(project, "a.test.toml", 'template = "greet.amp"\n\n[[case]]\nname = "a"\nerror = false\n\n[[ case ]]\nname = "b"\nerror = false\n')
    assert [case.line for case in load_test_file(path).cases] == [3, 7]


def test_toml_dates_become_the_clock(project):
    write(project, "clock.amp", "%%=FormatDate(Now(), 'yyyy-MM-dd HH:mm')=%%")
    path = write(
        project,
        "clock.test.toml",
        'template = "clock.amp"\n[[case]]\nname = "offset"\nnow = 2026-12-04T09:30:00-06:00\nerror = false\n'
        '[[case]]\nname = "date only"\nnow = 2026-12-04\nerror = false\n',
    )
    cases = load_test_file(path).cases
    assert str(cases[0].context["now"]) == "2026-12-04 09:30:00-06:00"
    assert str(cases[1].context["now"]) == "2026-12-04 00:00:00"


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('[[case]]\nname = "a"\nexpectt = "x"', "unknown key 'expectt'; did you mean 'expect'?"),
        ('[[case]]\nexpect = "x"', "every case needs a name"),
        ('[[case]]\nname = "a"\ntemplate = "missing.amp"\nexpect = "x"', "template file not found"),
        ('[[case]]\nname = "a"', "no expectation"),
        ('[[case]]\nname = "a"\nerror = true\nexpect = "x"', "cannot also expect text"),
        ('[[case]]\nname = "a"\nmatches = "("', "not a valid regular expression"),
        ('[[case]]\nname = "a"\nencoding = "UTF-8"', 'encoding must be "GSM-7" or "UCS-2"'),
        ('[[case]]\nname = "a"\nmax_segments = 0', "max_segments must be a whole number of at least 1"),
        ('[[case]]\nname = "a"\ncontains = [1]', "contains must be a string or a list of strings"),
        ('[[case]]\nname = "a"\nerror = 3', "error must be true, false or a fragment"),
        ('[[case]]\nname = "a"\nseed = "x"\nexpect = "x"', "'seed' must be a whole number"),
        ('[[case]]\nname = "a"\nnow = 09:30:00\nexpect = "x"', "not only a time of day"),
        ('[[case]]\nname = "a"\nexpect = "x"\n[[case]]\nname = "a"\nexpect = "y"', "same name"),
        ('[[case]]\nname = "a"\ncontext = "nowhere.json"\nexpect = "x"', "cannot read context file"),
    ],
)
def test_invalid_case_names_file_and_case(project, body, fragment):
    path = write(project, "bad.test.toml", 'template = "greet.amp"\n' + body + "\n")
    with pytest.raises(TestFileError) as raised:
        load_test_file(path)
    message = str(raised.value)
    assert message.startswith(str(path))
    assert fragment in message
    assert "case 'a'" in message or "case '#1'" in message


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("template = \n", "invalid TOML"),
        ('template = "greet.amp"\n', "no cases"),
        ('templates = "greet.amp"\n[[case]]\nname = "a"\nexpect = ""\n', "did you mean 'template'?"),
        ('case = "x"\n', "case must be an array of tables"),
    ],
)
def test_invalid_file(project, text, fragment):
    path = write(project, "bad.test.toml", text)
    with pytest.raises(TestFileError, match=fragment.replace("?", r"\?").replace("(", r"\(")):
        load_test_file(path)


def error_of(path: Path) -> str:
    with pytest.raises(TestFileError) as raised:
        load_test_file(path)
    return str(raised.value)


def test_invalid_case_reports_key_position(project):
    path = write(project, "bad.test.toml", 'template = "greet.amp"\n\n[[case]]\nname = "a"\n  expect = 1\n')
    assert error_of(path) == f"{path}:5:3: case 'a': expect must be a string"


def test_unknown_key_reports_its_line(project):
    text = 'template = "greet.amp"\n[[case]]\nname = "a"\nexpect = "x"\n\n[[case]]\nname = "b"\nexpect = "x"\nexpekt = "y"\n'
    path = write(project, "bad.test.toml", text)
    assert error_of(path) == f"{path}:9:1: case 'b': unknown key 'expekt'; did you mean 'expect'?"


def test_unknown_subtable_reports_header(project):
    text = 'template = "greet.amp"\n[[case]]\nname = "a"\nexpect = "x"\n\n[case.attributez]\nFirstName = "Bo"\n'
    path = write(project, "bad.test.toml", text)
    assert error_of(path).startswith(f"{path}:6:7: case 'a': unknown key 'attributez'")


def test_duplicate_name_reports_its_line(project):
    text = 'template = "greet.amp"\n[[case]]\nname = "a"\nexpect = "x"\n[[case]]\nname = "a"\nexpect = "y"\n'
    path = write(project, "bad.test.toml", text)
    assert error_of(path).startswith(f"{path}:6:1: case 'a': another case has the same name")


def test_case_error_without_key_reports_header(project):
    path = write(project, "bad.test.toml", '\n  [[case]]\nname = "a"\nexpect = "x"\n')
    assert error_of(path).startswith(f"{path}:2:3: case 'a': no template")


def test_unknown_top_level_key_reports_its_line(project):
    path = write(project, "bad.test.toml", '# tests\ntemplates = "greet.amp"\n[[case]]\nname = "a"\nexpect = ""\n')
    assert error_of(path).startswith(f"{path}:2:1: unknown top-level key 'templates'")


def test_toml_error_reports_its_position(project):
    path = write(project, "bad.test.toml", '[[case]]\nname = "a"\nexpect = "x\n')
    message = error_of(path)
    assert message.startswith(f"{path}:3:")
    assert "invalid TOML" in message
    assert "(at line" not in message


def test_template_defaults_to_same_name(project):
    path = write(project, "greet.test.toml", '[[case]]\nname = "a"\nattributes = { FirstName = "Bo" }\ncontains = "Hi Bo"\n')
    (case,) = load_test_file(path).cases
    assert case.template_path == project / "greet.amp"
    assert results_of(path)["a"].passed


def test_template_default_needs_the_file(project):
    path = write(project, "other.test.toml", '[[case]]\nname = "a"\ncontains = "Hi"\n')
    assert "no template: set template = \"FILE\"" in error_of(path)
    assert "or add other.amp next to other.test.toml" in error_of(path)


def test_find_skips_hidden_and_venv_folders(tmp_path):
    for folder in ("a", "a/b", ".git", "venv", "node_modules"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        write(tmp_path / folder, "x.test.toml", "")
    write(tmp_path / "venv", "pyvenv.cfg", "")
    write(tmp_path / "a", "notes.toml", "")
    found = [path.relative_to(tmp_path).as_posix() for path in find_test_files([tmp_path])]
    assert found == ["a/x.test.toml", "a/b/x.test.toml"]


def test_find_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        find_test_files([tmp_path / "nope"])


# ------------------------------------------------------------------ checking


def run_one(project: Path, case_body: str) -> object:
    path = write(project, "one.test.toml", 'template = "greet.amp"\ncontext = "base.json"\n[[case]]\nname = "c"\n' + case_body)
    return run_test_file(load_test_file(path))[0]


def test_expect_mismatch_gives_diff(project):
    result = run_one(project, 'expect = "Hi Ana, you texted JOIN "')
    assert not result.passed
    assert result.failures == ["the rendered text differs from expect:"]
    assert "-Hi Ana, you texted JOIN·" in result.diff
    assert "+Hi Ana, you texted JOIN" in result.diff


def test_contains_list(project):
    result = run_one(project, 'contains = ["Ana", "Oslo", "JOIN"]')
    assert result.failures == ["the rendered text does not contain 'Oslo'"]


def test_not_contains(project):
    result = run_one(project, 'not_contains = "%%"\n')
    assert result.passed


def test_matches_searches(project):
    assert run_one(project, "matches = 'texted [A-Z]+'").passed


def test_matches_anchored_needs_full_text(project):
    result = run_one(project, "matches = '\\A[A-Z]+\\Z'")
    assert result.failures == ["the rendered text does not match the regular expression '\\\\A[A-Z]+\\\\Z'"]


def test_report_shows_rendered_text(project):
    result = run_one(project, 'contains = "Bye"')
    assert result.report().splitlines()[-1] == "  |Hi Ana, you texted JOIN"


def test_encoding_failure_names_characters(project):
    result = run_one(project, 'attributes = { FirstName = "Zoë" }\nencoding = "GSM-7"')
    assert result.failures == ["the reply is UCS-2 because of 'ë' (U+00EB LATIN SMALL LETTER E WITH DIAERESIS), expected GSM-7"]


def test_encoding_failure_without_culprit(project):
    result = run_one(project, 'encoding = "UCS-2"')
    assert result.failures == ["the reply is GSM-7, expected UCS-2"]


def test_encoding_spelling_is_loose(project):
    assert run_one(project, 'encoding = "gsm7"').passed


def test_max_segments(project):
    result = run_one(project, f'attributes = {{ FirstName = "{"x" * 200}" }}\nmax_segments = 1')
    assert result.failures == ["the reply needs 2 segments (220 GSM-7 characters), more than max_segments = 1"]


def test_error_expected_and_raised(project):
    write(project, "greet.amp", "%%=Substring('abc', 1, -1)=%%")
    assert run_one(project, 'error = "must not be negative"').passed


def test_error_fragment_mismatch(project):
    write(project, "greet.amp", "%%=Substring('abc', 1, -1)=%%")
    result = run_one(project, 'error = "timed out"')
    assert result.failures[0].startswith("the template failed, but the error does not contain 'timed out':")


def test_error_expected_but_rendered(project):
    result = run_one(project, "error = true")
    assert result.failures == ["expected the template to fail, but it rendered"]


def test_syntax_error_fails_every_case(project):
    write(project, "greet.amp", "%%[ SET @x = ]%%")
    result = run_one(project, 'expect = ""')
    assert result.failures[0].startswith(f"rendering failed:\n{project / 'greet.amp'}:1:14: expected a value")


def test_error_false_requires_success(project):
    write(project, "greet.amp", "%%=Substring('abc', 1, -1)=%%")
    result = run_one(project, "error = false")
    assert result.failures[0].startswith("rendering failed:")


# --------------------------------------------------------------------- diffs


def test_visible_text_marks_invisible_characters():
    assert visible_text("a\tb\u00a0c\u200bd\r") == "a\\tb\\u00a0c\\u200bd\\r"


def test_visible_text_marks_trailing_spaces():
    assert visible_text("end  ") == "end··"


def test_diff_final_newline_only_when_it_differs():
    assert diff_texts("a", "a\n").splitlines()[-3:] == ["-a", "\\ no newline at end", "+a"]


def test_diff_crlf():
    assert "-one\\r" in diff_texts("one\r\ntwo", "one\ntwo")


def test_diff_legend():
    assert diff_texts("a b", "a\u00a0b").endswith("(\\t, \\r and \\uXXXX stand for invisible characters)")


# ---------------------------------------------------------------- TOML writing


@given(st.text(st.characters(exclude_categories=["Cs"])))
def test_toml_string_round_trips(text):
    assert tomllib.loads("v = " + toml_string(text))["v"] == text


@pytest.mark.parametrize(
    "text, written",
    [
        ("plain", '"plain"'),
        ('say "hi"', "'say \"hi\"'"),
        ("C:\\temp", "'C:\\temp'"),
        ("tab\there", '"tab\\there"'),
        ("two\nlines", "'''\ntwo\nlines'''"),
        ("two\nlines ", '"""\ntwo\nlines\\u0020"""'),
        ("a\r\nb", '"""\na\\r\nb"""'),
        ("it's\nok'", '"""\nit\'s\nok\'"""'),
    ],
)
def test_toml_string_forms(text, written):
    assert toml_string(text) == written


def test_toml_string_rejects_lone_surrogate():
    with pytest.raises(ValueError, match="lone UTF-16 surrogate"):
        toml_string("\ud83d")


def test_find_table_values_spans():
    text = (
        '# head\nk = 1\n[[case]]\nname = "a" # c\nexpect = """\nx\n"""\n[case.http]\n"u" = { status = 500 }\n'
        "[[case]]\narr = [1, [2, 3], 'x]']\nexpect = 'y'\n"
    )
    spans = {(s.table, s.array_index, s.key): text[s.start : s.end] for s in find_table_values(text)}
    assert spans[((), None, ("k",))] == "1"
    assert spans[(("case",), 0, ("expect",))] == '"""\nx\n"""'
    assert spans[(("case", "http"), None, ("u",))] == "{ status = 500 }"
    assert spans[(("case",), 1, ("arr",))] == "[1, [2, 3], 'x]']"
    assert spans[(("case",), 1, ("expect",))] == "'y'"


# ------------------------------------------------------------------ updating

UPDATE_FILE = """\
# Greeting cases.
template = "greet.amp"   # next to this file
context = "base.json"

[[case]]
name = "first"
expect = "old"   # keep this comment
contains = "Ana"

[[case]]
name = "second"
expect = '''
old
two'''
[case.attributes]
FirstName = "Bo"
"""


def test_update_replaces_only_expect_values(project):
    path = write(project, "u.test.toml", UPDATE_FILE)
    update_expectations(path, {0: "Hi Ana", 1: "Hi Bo\nline two"})
    assert path.read_text() == UPDATE_FILE.replace('expect = "old"', 'expect = "Hi Ana"').replace(
        "'''\nold\ntwo'''", "'''\nHi Bo\nline two'''"
    )


def test_update_leaves_no_temporary_file(project):
    path = write(project, "u.test.toml", UPDATE_FILE)
    update_expectations(path, {0: "new"})
    assert sorted(p.name for p in project.iterdir()) == ["base.json", "greet.amp", "u.test.toml"]


def test_update_keeps_file_mode(project):
    path = write(project, "u.test.toml", UPDATE_FILE)
    os.chmod(path, 0o640)
    update_expectations(path, {0: "new"})
    assert path.stat().st_mode & 0o777 == 0o640


def test_update_symlink_writes_target(project):
    (project / "real").mkdir()
    target = write(project / "real", "u.test.toml", UPDATE_FILE)
    link = project / "u.test.toml"
    link.symlink_to(Path("real") / "u.test.toml")
    update_expectations(link, {0: "new"})
    assert link.is_symlink()
    assert 'expect = "new"' in target.read_text()
    assert sorted(p.name for p in (project / "real").iterdir()) == ["u.test.toml"]


def test_update_keeps_crlf_line_endings(project):
    path = project / "u.test.toml"
    path.write_bytes(UPDATE_FILE.replace("\n", "\r\n").encode())
    update_expectations(path, {0: "one\ntwo", 1: "Hi Bo\r\nline two"})
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    cases = tomllib.loads(data.decode())["case"]
    assert cases[0]["expect"] == "one\ntwo"
    assert cases[1]["expect"] == "Hi Bo\r\nline two"


def test_update_without_expect_key_changes_nothing(project):
    path = write(project, "u.test.toml", UPDATE_FILE.replace('expect = "old"   # keep this comment\n', ""))
    before = path.read_bytes()
    with pytest.raises(UpdateError, match="case 'first': cannot find its expect"):
        update_expectations(path, {0: "new"})
    assert path.read_bytes() == before


def test_update_unrepresentable_text_changes_nothing(project):
    path = write(project, "u.test.toml", UPDATE_FILE)
    before = path.read_bytes()
    with pytest.raises(UpdateError, match="surrogate"):
        update_expectations(path, {0: "\ud83d"})
    assert path.read_bytes() == before


# ------------------------------------------------------------------ command


def run_test_command(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", "test", *argv], capture_output=True, text=True, cwd=cwd
    )
    return result.returncode, result.stdout, result.stderr


def test_command_runs_samples():
    code, out, err = run_test_command("samples")
    assert code == 0, out + err
    total = sum(len(load_test_file(path).cases) for path in find_test_files([SAMPLES]))
    assert out.splitlines()[-1] == f"{total} passed, 0 failed"
    assert "PASS samples/stock-quote.test.toml::reply, as published" in out


def test_command_fails_on_changed_sample(tmp_path):
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    test_file = copy / "stock-quote.test.toml"
    test_file.write_text(test_file.read_text().replace("Thanks for Responding!", "Thanks for replying!", 1))
    code, out, _ = run_test_command(str(copy))
    assert code == 1
    assert f"FAIL {copy / 'stock-quote.test.toml'}::reply, as published" in out
    assert "    -example.com Stock is: Crm Salesforce Inc 212.40 Thanks for replying!" in out
    assert "    +example.com Stock is: Crm Salesforce Inc 212.40 Thanks for Responding!" in out
    assert out.splitlines()[-1].endswith(" passed, 1 failed")


def test_command_update_rewrites_failing_expect(project):
    path = write(
        project,
        "greet.test.toml",
        'template = "greet.amp"\ncontext = "base.json"\n\n[[case]]\nname = "a"\n'
        'expect = "stale"  # refreshed by --update\n\n[[case]]\nname = "b"\ncontains = "nope"\n',
    )
    code, out, _ = run_test_command("--update", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"UPDATED {path}::a",
        f"FAIL {path}::b",
        "    the rendered text does not contain 'nope'",
        "    rendered text (each line after |):",
        "      |Hi Ana, you texted JOIN",
        "updated 1 expected text",
        "1 passed, 1 failed",
    ]
    assert 'expect = "Hi Ana, you texted JOIN"  # refreshed by --update\n' in path.read_text()


def test_command_update_then_passes(project):
    path = write(project, "g.test.toml", 'template = "greet.amp"\ncontext = "base.json"\n[[case]]\nname = "a"\nexpect = "x"\n')
    run_test_command("--update", str(path))
    code, out, _ = run_test_command(str(path))
    assert (code, out.splitlines()[-1]) == (0, "1 passed, 0 failed")


def test_command_invalid_file_exits_2(project):
    write(project, "good.test.toml", 'template = "greet.amp"\ncontext = "base.json"\n[[case]]\nname = "a"\ncontains = "Ana"\n')
    write(project, "zbad.test.toml", '[[case]]\nname = "a"\n')
    code, out, err = run_test_command(str(project))
    assert code == 2
    assert err.startswith(f"{project / 'zbad.test.toml'}:1:1: case 'a': no template")
    assert out.splitlines()[-1] == "1 passed, 0 failed, 1 invalid test file"


def test_command_counts_invalid_files(project):
    write(project, "a.test.toml", '[[case]]\nname = "a"\n')
    write(project, "b.test.toml", "case = 1\n")
    code, out, _ = run_test_command(str(project))
    assert code == 2
    assert out.splitlines() == ["0 passed, 0 failed, 2 invalid test files"]


def test_command_diff_indents_blank_context_line(project):
    write(project, "lead.amp", "\nHi")
    write(project, "lead.test.toml", 'template = "lead.amp"\n[[case]]\nname = "a"\nexpect = "\\nHello"\n')
    code, out, _ = run_test_command(str(project / "lead.test.toml"))
    assert code == 1
    assert "    @@ -1,2 +1,2 @@\n     \n    -Hello\n    +Hi\n" in out


def test_command_no_test_files(tmp_path):
    code, _, err = run_test_command(str(tmp_path))
    assert code == 2
    assert "no *.test.toml files found" in err


def test_command_missing_path(tmp_path):
    assert main(["test", str(tmp_path / "missing")]) == 2
