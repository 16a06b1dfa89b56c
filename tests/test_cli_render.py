"""``ampsms render``: exact output, context files and flags, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import ampsms
from ampsms.cli import main
from ampsms.functions import lookup

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run_cli(argv, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """Run the CLI in a subprocess, as a user would, and return (exit code, stdout bytes, stderr)."""
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", *argv], input=stdin, capture_output=True, cwd=ROOT
    )
    return result.returncode, result.stdout, result.stderr.decode("utf-8")


def test_stock_sample_renders_expected_text():
    code, out, err = run_cli(["render", "samples/stock-quote.amp", "--context", "samples/stock-quote.json"])
    assert code == 0, err
    assert out == b"\nexample.com Stock is: Crm Salesforce Inc 212.40 Thanks for Responding!"


def test_output_adds_nothing(tmp_path):
    template = tmp_path / "t.amp"
    template.write_bytes(b"line one\r\nline two\r\n")
    code, out, _ = run_cli(["render", str(template)])
    assert code == 0
    assert out == b"line one\r\nline two\r\n"


def test_stdin_template():
    code, out, _ = run_cli(["render", "-", "--mo", "STOCK crm"], stdin=b"%%=v(MSG(0).NOUN(0))=%%")
    assert (code, out) == (0, b"crm")


def test_flags_override_context_file(tmp_path):
    context = tmp_path / "c.json"
    context.write_text(json.dumps({"inbound": "A b", "attributes": {"Name": "File", "City": "Oslo"}}))
    template = tmp_path / "t.amp"
    template.write_text("%%Name%% %%City%% %%=v(MSG(0).VERB)=%% %%=v(MOBILE_NUMBER)=%%")
    code, out, err = run_cli(
        ["render", str(template), "--context", str(context), "--attr", "Name=Flag", "--mo", "Z y", "--mobile", "15550001111"]
    )
    assert code == 0, err
    assert out.decode() == "Flag Oslo Z 15550001111"


def test_toml_context_file(tmp_path):
    context = tmp_path / "c.toml"
    context.write_text('inbound = "JOIN now"\n[attributes]\nFirstName = "Ana"\n[http]\n"https://x.example.com/a" = "body"\n')
    template = tmp_path / "t.amp"
    template.write_text('%%FirstName%% %%=HttpGet("https://x.example.com/a")=%% %%=v(MSG(0).NOUNS)=%%')
    code, out, err = run_cli(["render", str(template), "--context", str(context)])
    assert code == 0, err
    assert out.decode() == "Ana body now"


def test_now_flag_sets_clock(tmp_path):
    template = tmp_path / "t.amp"
    template.write_text("%%=v(Now())=%%")
    if lookup("Now") is None:
        pytest.skip("Now() is not registered")
    code, out, err = run_cli(["render", str(template), "--now", "2026-12-04T18:30:00Z"])
    assert code == 0, err
    assert out.decode() == "12/4/2026 12:30:00 PM"


def test_template_error_exit_1_without_traceback(tmp_path):
    template = tmp_path / "bad.amp"
    template.write_text("Hi\n%%[ IF 1 == 1 THEN ]%%")
    code, out, err = run_cli(["render", str(template)])
    assert code == 1
    assert out == b""
    assert "Traceback" not in err
    assert f"{template}:2:5: IF has no matching ENDIF" in err


def test_runtime_error_exit_1(tmp_path):
    template = tmp_path / "bad.amp"
    template.write_text('%%=HttpGet("https://nowhere.example.com/")=%%')
    code, out, err = run_cli(["render", str(template)])
    assert code == 1
    assert out == b""
    assert "no mocked reply for https://nowhere.example.com/" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv,fragment",
    [
        (["render", "missing.amp"], "template file not found: missing.amp"),
        (["render", "samples"], "is a folder"),
        (["render", "samples/stock-quote.amp", "--context", "missing.json"], "cannot read context file"),
        (["render", "samples/stock-quote.amp", "--attr", "novalue"], "--attr takes NAME=VALUE"),
        (["render", "samples/stock-quote.amp", "--now", "yesterday"], "is not a date"),
    ],
)
def test_usage_errors_exit_2(argv, fragment):
    code, _, err = run_cli(argv)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_invalid_json_context(tmp_path):
    context = tmp_path / "c.json"
    context.write_text('{"inbound": ')
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--context", str(context)])
    assert code == 2
    assert "is not valid JSON" in err


def test_unknown_context_key(tmp_path):
    context = tmp_path / "c.json"
    context.write_text('{"inbund": "x"}')
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--context", str(context)])
    assert code == 2
    assert "unknown keys inbund" in err


def test_non_utf8_template(tmp_path):
    template = tmp_path / "latin1.amp"
    template.write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = run_cli(["render", str(template)])
    assert code == 1
    assert f"{template}:1:4: the file is not UTF-8 text (invalid byte 0xE9 at offset 3)" in err
    assert "hint: save the template as UTF-8" in err


def test_byte_order_mark_is_dropped(tmp_path):
    template = tmp_path / "bom.amp"
    template.write_bytes("\ufeffHi".encode("utf-8"))
    code, out, _ = run_cli(["render", str(template)])
    assert (code, out) == (0, b"Hi")


def test_missing_argument_is_usage_error():
    code, _, err = run_cli(["render"])
    assert code == 2
    assert "usage:" in err


def test_main_returns_exit_code(tmp_path, monkeypatch, capsysbinary):
    template = tmp_path / "t.amp"
    template.write_text("ok")
    assert main(["render", str(template)]) == 0
    assert capsysbinary.readouterr().out == b"ok"


def test_repeated_mo_is_usage_error():
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--mo", "A", "--mo", "B"])
    assert code == 2
    assert "may be given only once" in err


@pytest.mark.parametrize(
    "folder,fragment",
    [("nowhere", "folder not found: nowhere"), ("samples/stock-quote.json", "is a file; give the folder")],
)
def test_data_extensions_must_be_folder(folder, fragment):
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--data-extensions", folder])
    assert code == 2
    assert fragment in err


def test_unknown_context_key_suggests(tmp_path):
    context = tmp_path / "c.json"
    context.write_text('{"atributes": {}}')
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--context", str(context)])
    assert code == 2
    assert "atributes (did you mean attributes?)" in err


def test_yaml_context_rejected(tmp_path):
    context = tmp_path / "c.yaml"
    context.write_text("inbound: x")
    code, _, err = run_cli(["render", "samples/stock-quote.amp", "--context", str(context)])
    assert code == 2
    assert "use a .json or .toml file" in err


def test_unknown_render_keyword_names_render():
    template = ampsms.compile("x")
    with pytest.raises(TypeError, match="render\\(\\) got unknown context parts inbund"):
        template.render(inbund="x")
