"""``ampsms lint``: exit codes, the three output formats, configuration and disable comments."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ampsms.cli import main
from ampsms.lint import RULES
from ampsms.lint.config import DEFAULT_EXTENSIONS

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "tests/lint_fixtures/broken"

# Every problem in tests/lint_fixtures/broken, once: (file, code, line, column).
BROKEN_EXPECTED = [
    ("characters.amp", "WS02", 2, 26),
    ("characters.amp", "CH01", 3, 3),
    ("characters.amp", "CH02", 3, 34),
    ("characters.amp", "CH01", 3, 44),
    ("characters.amp", "CH02", 3, 46),
    ("characters.amp", "WS01", 3, 48),
    ("failing-render.amp", "LN03", 1, 18),
    ("functions.amp", "FN01", 3, 14),
    ("functions.amp", "FN02", 4, 13),
    ("functions.amp", "FN03", 5, 14),
    ("functions.amp", "FN04", 5, 25),
    ("functions.amp", "FN04", 6, 30),
    ("functions.amp", "FN05", 7, 55),
    ("http.amp", "HT01", 2, 14),
    ("http.amp", "HT02", 2, 29),
    ("http.amp", "HT03", 3, 23),
    ("http.amp", "OU01", 5, 8),
    ("inbound.amp", "MS01", 2, 17),
    ("inbound.amp", "MS02", 4, 14),
    ("latin1.amp", "SY01", 1, 4),
    ("long-reply.amp", "LN01", 1, 1),
    ("long-reply.amp", "LN02", 1, 1),
    ("suppressed.amp", "SP01", 1, 5),
    ("suppressed.amp", "SP01", 1, 5),
    ("syntax.amp", "SY01", 4, 1),
    ("variables.amp", "VR03", 2, 5),
    ("variables.amp", "VR02", 3, 5),
    ("variables.amp", "VR02", 4, 5),
    ("variables.amp", "VR04", 6, 7),
    ("variables.amp", "VR01", 8, 9),
]


@pytest.fixture
def lint(capsysbinary, monkeypatch):
    """Run ``ampsms lint`` in-process from a folder; return (exit code, stdout, stderr)."""

    def run(*argv: str, cwd: Path = ROOT) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        code = main(["lint", *argv])
        captured = capsysbinary.readouterr()
        return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")

    return run


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------- exit codes


def test_clean_file_exits_0(lint, tmp_path):
    write(tmp_path, "ok.amp", '%%[ SET @n = "Ana" ]%%Hi %%=v(@n)=%%')
    code, out, _ = lint("ok.amp", cwd=tmp_path)
    assert code == 0
    assert out == "No problems in 1 file.\n"


def test_warnings_only_exit_0(lint, tmp_path):
    write(tmp_path, "warn.amp", "Hi %%=v(@missing)=%%")
    code, out, _ = lint("warn.amp", cwd=tmp_path)
    assert code == 0
    assert "warn.amp:1:9: VR01 warning: @missing is read but never set" in out
    assert out.endswith("Found 0 errors and 1 warning in 1 file.\n")


def test_error_exits_1(lint, tmp_path):
    write(tmp_path, "bad.amp", "%%=Concatt(1)=%%")
    code, _, _ = lint("bad.amp", cwd=tmp_path)
    assert code == 1


def test_missing_path_exits_2(lint, tmp_path):
    code, out, err = lint("nowhere.amp", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert "path not found: nowhere.amp" in err


def test_no_paths_exits_2(lint, tmp_path):
    code, _, err = lint(cwd=tmp_path)
    assert code == 2
    assert "give at least one template file or folder" in err


def test_samples_have_no_errors(lint):
    code, out, _ = lint("samples/")
    assert code == 0, out
    assert " error:" not in out


def test_subprocess_run_matches(tmp_path):
    write(tmp_path, "bad.amp", "%%=Add(1)=%%")
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", "lint", "--format", "json", "bad.amp"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert [item["code"] for item in json.loads(result.stdout)] == ["FN03"]


def test_not_utf8_is_syntax_error(lint, tmp_path):
    (tmp_path / "latin.amp").write_bytes(b"Hi\nCaf\xe9")
    code, out, _ = lint("latin.amp", cwd=tmp_path)
    assert code == 1
    assert "latin.amp:2:4: SY01 error: the file is not UTF-8 text (invalid byte 0xE9)" in out


def test_list_rules(lint):
    code, out, _ = lint("--list-rules")
    assert code == 0
    assert out.splitlines()[0].startswith("SY01  error    syntax-error:")
    assert len(out.splitlines()) == len(RULES)


# ----------------------------------------------------- broken fixture folder


def test_broken_folder_json(lint):
    code, out, _ = lint("--format", "json", BROKEN)
    assert code == 1
    found = [(Path(item["path"]).name, item["code"], item["line"], item["column"]) for item in json.loads(out)]
    assert found == BROKEN_EXPECTED


def test_broken_folder_json_fields(lint):
    _, out, _ = lint("--format", "json", f"{BROKEN}/inbound.amp")
    first = json.loads(out)[0]
    assert first == {
        "code": "MS01",
        "rule": "msg-index",
        "severity": "error",
        "path": f"{BROKEN}/inbound.amp",
        "line": 2,
        "column": 17,
        "message": "MSG(1) is not available: MobileConnect only gives the current inbound message, MSG(0)",
        "hint": "read the inbound message with MSG(0)",
    }


def test_broken_folder_human(lint):
    code, out, _ = lint(BROKEN)
    assert code == 1
    for name, rule_code, line, column in BROKEN_EXPECTED:
        prefix = f"{BROKEN}/{name}:{line}:{column}: {rule_code} "
        expected_count = BROKEN_EXPECTED.count((name, rule_code, line, column))
        assert out.count(prefix) == expected_count, prefix
    headers = [line for line in out.splitlines() if re.match(r"^tests/lint_fixtures/broken/\S+:\d+:\d+: ", line)]
    assert len(headers) == len(BROKEN_EXPECTED)
    assert out.endswith("Found 13 errors and 17 warnings in 10 files.\n")


def test_human_shows_line_caret_and_hint(lint):
    _, out, _ = lint(f"{BROKEN}/functions.amp")
    block = out.split("\n\n")[0] if "\n\n" in out else out
    lines = block.splitlines()
    assert lines[:4] == [
        f"{BROKEN}/functions.amp:3:14: FN01 error: unknown function Substrng",
        "    SET @short = Substrng(@code, 1, 4)",
        "                 ^",
        "    hint: did you mean Substring or Subtract?",
    ]


def test_broken_folder_github(lint):
    code, out, _ = lint("--format", "github", BROKEN)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == len(BROKEN_EXPECTED)
    for name, rule_code, line, column in BROKEN_EXPECTED:
        marker = f"file={BROKEN}/{name},line={line},col={column},title={rule_code}::"
        assert sum(marker in item for item in lines) == BROKEN_EXPECTED.count((name, rule_code, line, column)), marker


def test_github_annotation_format(lint):
    _, out, _ = lint("--format", "github", f"{BROKEN}/syntax.amp", f"{BROKEN}/characters.amp")
    lines = out.splitlines()
    assert lines[0].startswith(f"::warning file={BROKEN}/characters.amp,line=2,col=26,title=WS02::")
    assert f"::error file={BROKEN}/syntax.amp,line=4,col=1,title=SY01::IF has no matching ENDIF" in out
    # Line breaks and percent signs in the message are escaped, so one diagnostic stays one line.
    assert "%0Ahint: put ]%25%25 and the next text on one line" in lines[0]


# ------------------------------------------------------------ configuration


def test_config_found_in_parent_folder(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint]\nignore = ["VR"]\n')
    write(tmp_path, "templates/warn.amp", "Hi %%=v(@missing)=%%")
    code, out, _ = lint("warn.amp", cwd=tmp_path / "templates")
    assert code == 0
    assert out == "No problems in 1 file.\n"


def test_pyproject_without_section_is_skipped(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint]\nignore = ["VR01"]\n')
    write(tmp_path, "app/pyproject.toml", '[project]\nname = "app"\n')
    write(tmp_path, "app/warn.amp", "Hi %%=v(@missing)=%%")
    _, out, _ = lint("warn.amp", cwd=tmp_path / "app")
    assert "VR01" not in out


def test_explicit_config(lint, tmp_path):
    write(tmp_path, "lint.toml", '[tool.ampsms.lint]\nselect = ["CH"]\n')
    write(tmp_path, "t.amp", "Hi %%=v(@missing)=%% – ok")
    _, out, _ = lint("--config", "lint.toml", "t.amp", cwd=tmp_path)
    assert "CH01" in out
    assert "VR01" not in out


def test_severity_override_fails_run(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.severity]\nVR01 = "error"\n')
    write(tmp_path, "t.amp", "Hi %%=v(@missing)=%%")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 1
    assert "VR01 error:" in out


def test_group_severity_override(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.severity]\nFN = "warning"\n')
    write(tmp_path, "t.amp", "%%=Concatt(1)=%%")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 0
    assert "FN01 warning:" in out


def test_max_segments_setting(lint, tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.ampsms.lint]\nmax-segments = 2\n")
    write(tmp_path, "t.amp", "%%=v(AttributeValue('Text'))=%%")
    write(tmp_path, "t.json", json.dumps({"attributes": {"Text": "a" * 200}}))
    assert lint("t.amp", cwd=tmp_path)[0] == 0
    code, out, _ = lint("--max-segments", "1", "t.amp", cwd=tmp_path)
    assert code == 1
    assert "takes 2 SMS segments (GSM-7, length 200), more than the maximum of 1 segment" in out


def test_select_and_ignore_options(lint, tmp_path):
    write(tmp_path, "t.amp", "Hi %%=v(@missing)=%% – %%=Concatt(1)=%%")
    _, out, _ = lint("--select", "CH,VR", "--ignore", "VR01", "t.amp", cwd=tmp_path)
    assert "CH01" in out
    assert "VR01" not in out
    assert "FN01" not in out


def test_per_file_ignores(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.per-file-ignores]\n"legacy/*.amp" = ["VR01"]\n')
    write(tmp_path, "legacy/old.amp", "Hi %%=v(@missing)=%%")
    write(tmp_path, "new.amp", "Hi %%=v(@missing)=%%")
    _, out, _ = lint(".", cwd=tmp_path)
    assert "new.amp:1:9: VR01" in out
    assert "old.amp" not in out


def test_extensions_setting(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint]\nextensions = ["txt"]\n')
    write(tmp_path, "t/reply.txt", "Hi %%=v(@missing)=%%")
    write(tmp_path, "t/other.amp", "Hi %%=v(@missing)=%%")
    write(tmp_path, "t/.hidden/skip.txt", "Hi %%=v(@missing)=%%")
    _, out, _ = lint("t", cwd=tmp_path)
    assert "t/reply.txt:1:9: VR01" in out
    assert "other.amp" not in out
    assert "skip.txt" not in out


def test_default_extensions_in_folder(lint, tmp_path):
    for extension in DEFAULT_EXTENSIONS:
        write(tmp_path, f"t/reply{extension}", "Hi")
    write(tmp_path, "t/notes.md", "Hi %%=v(@missing)=%%")
    _, out, _ = lint("t", cwd=tmp_path)
    assert out == "No problems in 3 files.\n"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ('[tool.ampsms.lint]\nselct = ["FN"]\n', "unknown setting 'selct'; did you mean select?"),
        ('[tool.ampsms.lint]\nselect = ["FN09"]\n', "unknown rule code 'FN09'"),
        ('[tool.ampsms.lint]\nignore = ["XX01"]\n', "unknown rule code 'XX01'"),
        ('[tool.ampsms.lint.severity]\nWS01 = "fatal"\n', 'severity of WS01 must be "error" or "warning"'),
        ("[tool.ampsms.lint]\nmax-segments = 0\n", "max-segments must be a whole number of 1 or more"),
        ('[tool.ampsms.lint]\nselect = "FN"\n', "select must be a list of strings"),
        ('[tool.ampsms.lint.per-file-ignores]\n"*.amp" = ["ZZ99"]\n', "unknown rule code 'ZZ99'"),
        ("[tool.ampsms.lint\n", "is not valid TOML"),
    ],
)
def test_invalid_config_exits_2(lint, tmp_path, settings, message):
    write(tmp_path, "pyproject.toml", settings)
    write(tmp_path, "t.amp", "Hi")
    code, out, err = lint("t.amp", cwd=tmp_path)
    assert (code, out) == (2, "")
    assert message in err


def test_missing_config_file_exits_2(lint, tmp_path):
    write(tmp_path, "t.amp", "Hi")
    code, _, err = lint("--config", "nope.toml", "t.amp", cwd=tmp_path)
    assert code == 2
    assert "configuration file not found: nope.toml" in err


def test_invalid_context_file_exits_2(lint, tmp_path):
    write(tmp_path, "t.amp", "Hi")
    write(tmp_path, "t.json", '{"inbound": "A", "colour": "red"}')
    code, _, err = lint("t.amp", cwd=tmp_path)
    assert code == 2
    assert "unknown keys colour" in err


def test_unknown_select_option_exits_2(lint, tmp_path):
    write(tmp_path, "t.amp", "Hi")
    code, _, err = lint("--select", "WS9", "t.amp", cwd=tmp_path)
    assert code == 2
    assert "unknown rule code 'WS9'" in err


# ----------------------------------------------------------- disable comments


def test_disable_comment_hides_warning(lint, tmp_path):
    write(tmp_path, "t.amp", '%%[ /* ampsms: disable=WS01 */ SET @n = "Ana" ]%%\nHi %%=v(@n)=%%')
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 0
    assert out == "No problems in 1 file.\n"


def test_unused_disable_comment_in_every_format(lint, tmp_path):
    write(tmp_path, "t.amp", '%%[ /* ampsms: disable=WS01, CH01 */ SET @n = "Ana" ]%%\nHi %%=v(@n)=%%')
    _, human, _ = lint("t.amp", cwd=tmp_path)
    _, as_json, _ = lint("--format", "json", "t.amp", cwd=tmp_path)
    _, github, _ = lint("--format", "github", "t.amp", cwd=tmp_path)
    assert "t.amp:1:5: SP01 warning: the disable comment for CH01 (non-gsm-character) suppresses nothing" in human
    assert [(d["code"], d["line"], d["column"]) for d in json.loads(as_json)] == [("SP01", 1, 5)]
    assert github.startswith("::warning file=t.amp,line=1,col=5,title=SP01::")


def test_disable_comment_keeps_other_errors(lint, tmp_path):
    write(tmp_path, "t.amp", "%%[ /* ampsms: disable=WS01 */ ]%%%%=Concatt(1)=%%")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 1
    assert "FN01" in out


def test_disable_comment_in_script_block(lint, tmp_path):
    write(
        tmp_path,
        "t.amp",
        '<script runat="server" language="ampscript">/* ampsms: disable=VR01 */</script>Hi %%=v(@x)=%%',
    )
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert (code, out) == (0, "No problems in 1 file.\n")


# -------------------------------------------------------------- pre-commit


def test_pre_commit_hook_definition():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: ampsms-lint" in text
    assert "  entry: ampsms lint" in text
    assert "  language: python" in text
    files = re.search(r"^  files: (.+)$", text, re.MULTILINE).group(1)
    for extension in DEFAULT_EXTENSIONS:
        assert re.search(files, f"templates/reply{extension}")
    assert not re.search(files, "templates/reply.json")


def test_unused_suppression_severity_override(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.severity]\nSP01 = "error"\nWS01 = "warning"\n')
    write(tmp_path, "t.amp", "%%[ /* ampsms: disable=WS01 */ ]%%Hi")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 1
    assert "t.amp:1:5: SP01 error:" in out


def test_disable_of_ignored_code_is_used(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.per-file-ignores]\n"t.amp" = ["WS01"]\n')
    write(tmp_path, "t.amp", "%%[ /* ampsms: disable=WS01 */ ]%%\nHi")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert (code, out) == (0, "No problems in 1 file.\n")


def test_template_from_stdin(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", "lint", "-"],
        input="Hi %%=Concatt(1)=%%".encode("utf-8"),
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout.decode("utf-8").startswith("<stdin>:1:7: FN01 error: unknown function Concatt\n")


def test_not_utf8_column_counts_characters(lint, tmp_path):
    (tmp_path / "t.amp").write_bytes("Zoé ".encode("utf-8") + b"\xff")
    _, out, _ = lint("t.amp", cwd=tmp_path)
    assert "t.amp:1:5: SY01 error:" in out


def test_severity_for_all_rules(lint, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.ampsms.lint.severity]\nALL = "error"\nWS = "warning"\n')
    write(tmp_path, "t.amp", "%%[ SET @a = 1 ]%%\nHi %%=v(@b)=%%")
    code, out, _ = lint("t.amp", cwd=tmp_path)
    assert code == 1
    assert "WS01 warning:" in out
    assert "VR01 error:" in out


def test_empty_folder_is_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not a template")
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", "lint", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "no template files" in result.stderr
