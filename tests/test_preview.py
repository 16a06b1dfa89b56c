"""``ampsms preview``: the message box, summary line, warnings, JSON, exit codes and --watch."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ampsms.cli import main
from ampsms.compiler import HttpCall, Note, RenderResult
from ampsms.preview import render_warnings
from ampsms.preview_text import message_lines
from ampsms.sms import analyze
from ampsms.terminal import Style, should_use_color, text_width

ROOT = Path(__file__).resolve().parent.parent
STOCK = [str(ROOT / "samples/stock-quote.amp"), "--context", str(ROOT / "samples/stock-quote.json")]
STOCK_TEXT = "\nexample.com Stock is: Crm Salesforce Inc 212.40 Thanks for Responding!"


def preview(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["preview", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def preview_json(capsys, *argv: str):
    code, out, err = preview(capsys, *argv, "--format", "json")
    return code, json.loads(out), err


def template(tmp_path: Path, source: str, name: str = "t.amp") -> str:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8", newline="")
    return str(path)


def codes(data: dict) -> list[str]:
    return [warning["code"] for warning in data["warnings"]]


def with_code(data: dict, code: str) -> list[dict]:
    return [warning for warning in data["warnings"] if warning["code"] == code]


# ------------------------------------------------------------- stock sample


def test_stock_sample_text_output(capsys):
    code, out, err = preview(capsys, *STOCK)
    assert code == 0, err
    assert "example.com Stock is: Crm Salesforce" in out
    assert "GSM-7 · 71/160 chars · 1 segment" in out
    assert "\x1b[" not in out


def test_stock_sample_json_keys(capsys):
    code, data, err = preview_json(capsys, *STOCK)
    assert code == 0, err
    assert data["text"] == STOCK_TEXT
    assert data["encoding"] == "GSM-7"
    assert data["length"] == 71
    assert data["segments"] == 1
    assert data["per_segment"] == 160
    assert data["parts"] == [STOCK_TEXT]
    assert data["inbound"] == "STOCK crm"
    assert data["error"] is None


def test_stock_sample_json_warnings(capsys):
    _, data, _ = preview_json(capsys, *STOCK)
    assert codes(data) == ["leading-blank-lines", "http-get"]
    assert data["http_calls"][0]["url"].startswith("http://finance.example.com/")


# ------------------------------------------------------------ message box


def test_box_marks_line_breaks(capsys, tmp_path):
    path = template(tmp_path, "Hi\r\nthere\nyou")
    _, out, _ = preview(capsys, path)
    assert "│ Hi␍↵ " in out
    assert "│ there↵ " in out
    assert "│ you " in out


def test_box_marks_trailing_spaces(capsys, tmp_path):
    path = template(tmp_path, "Hi  \nthere")
    _, out, _ = preview(capsys, path)
    assert "│ Hi··↵ " in out


def test_box_shows_invisible_chars(capsys, tmp_path):
    path = template(tmp_path, "a\u00a0b\u200bc")
    _, out, _ = preview(capsys, path)
    assert "a⟨U+00A0⟩b⟨U+200B⟩c" in out


def test_box_divides_segments(capsys, tmp_path):
    path = template(tmp_path, "word " * 40)
    _, out, _ = preview(capsys, path)
    assert "part 1 of 2" in out
    assert "part 2 of 2" in out
    assert "GSM-7 · 200/306 chars · 2 segments of 153" in out


def test_box_lines_same_width(capsys, tmp_path):
    path = template(tmp_path, "Grüße “aus” 東京 😀 " * 6)
    _, out, _ = preview(capsys, path)
    box = [line for line in out.splitlines() if line[:1] in "╭│├╰"]
    widths = {text_width(line) for line in box}
    assert widths == {44}


def test_empty_reply(capsys, tmp_path):
    path = template(tmp_path, "")
    code, out, _ = preview(capsys, path)
    assert code == 0
    assert "(empty)" in out
    assert "GSM-7 · 0/160 chars · 0 segments" in out


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.integers(min_value=12, max_value=60))
def test_message_lines_fit_width(text, width):
    lines = message_lines(text, analyze(text), Style(False), width)
    for line in lines:
        if isinstance(line, list):
            assert sum(cell.width for cell in line) <= width


def test_box_shows_lone_surrogate():
    text = "a\ud83d"
    lines = message_lines(text, analyze(text), Style(False), 40)
    assert "".join(cell.text for cell in lines[0]) == "a⟨U+D83D⟩"


# -------------------------------------------------------------- warnings


def test_non_gsm_warning_position(capsys, tmp_path):
    path = template(tmp_path, "Hi\nit’s")
    _, data, _ = preview_json(capsys, path)
    [warning] = with_code(data, "non-gsm")
    assert warning["message"] == "’ U+2019 RIGHT SINGLE QUOTATION MARK at 2:3 forces UCS-2; replace it with \"'\""
    assert (warning["line"], warning["column"]) == (2, 3)


def test_non_gsm_records_in_json(capsys, tmp_path):
    path = template(tmp_path, "Hi\nit’s")
    _, data, _ = preview_json(capsys, path)
    assert data["non_gsm"] == [
        {
            "index": 5,
            "line": 2,
            "column": 3,
            "char": "’",
            "code_point": "U+2019",
            "replacement": "'",
            "typographic": True,
        }
    ]


def test_non_gsm_letter_suggestion(capsys, tmp_path):
    path = template(tmp_path, "Merci François")
    code, out, _ = preview(capsys, path)
    assert code == 0
    assert 'at 1:11 forces UCS-2; consider "c" or "Ç"' in out


def test_typographic_fix_info(capsys, tmp_path):
    path = template(tmp_path, "It’s “on”")
    _, data, _ = preview_json(capsys, path)
    [info] = with_code(data, "typographic-fix")
    assert info["message"] == "with the typographic replacements the reply is GSM-7, 9/160 characters, 1 segment"


def test_non_gsm_positions_capped(capsys, tmp_path):
    path = template(tmp_path, "’" * 8)
    _, data, _ = preview_json(capsys, path)
    [warning] = with_code(data, "non-gsm")
    assert "at 1:1, 1:2, 1:3, 1:4, 1:5 and 3 more forces" in warning["message"]


def test_leading_blank_lines_warning(capsys, tmp_path):
    path = template(tmp_path, "%%[ SET @a = 1 ]%%\n\nHello")
    _, data, _ = preview_json(capsys, path)
    assert "leading-blank-lines" in codes(data)
    assert data["warnings"][0]["message"].startswith("the reply starts with 2 blank lines")


def test_trailing_line_break_warning(capsys, tmp_path):
    path = template(tmp_path, "Hello\n%%[ SET @a = 1 ]%%\n")
    _, data, _ = preview_json(capsys, path)
    [warning] = with_code(data, "trailing-line-breaks")
    assert warning["message"].startswith("the reply ends with 2 line breaks")
    assert (warning["line"], warning["column"]) == (1, 6)


def test_trailing_whitespace_warning(capsys, tmp_path):
    path = template(tmp_path, "Hello   \nthere")
    _, data, _ = preview_json(capsys, path)
    [warning] = with_code(data, "trailing-whitespace")
    assert warning["message"] == "line 1 ends with 3 spaces"


def test_blank_message_warning(capsys, tmp_path):
    path = template(tmp_path, "%%[ SET @a = 1 ]%%\n \n")
    _, data, _ = preview_json(capsys, path)
    assert codes(data) == ["blank-message"]


def test_unknown_personalization_warning(capsys, tmp_path):
    path = template(tmp_path, "Hi %%FirstName%%")
    code, data, _ = preview_json(capsys, path)
    assert code == 0
    assert data["text"] == "Hi %%FirstName%%"
    [warning] = with_code(data, "unknown-personalization")
    assert warning["source"] == "template"
    assert (warning["line"], warning["column"]) == (1, 4)


def test_unknown_personalization_text_prefix(capsys, tmp_path):
    path = template(tmp_path, "Hi %%FirstName%%")
    _, out, _ = preview(capsys, path)
    assert f"warning: {path}:1:4: %%FirstName%% is not in the context" in out


def test_unknown_attribute_warning(capsys, tmp_path):
    path = template(tmp_path, "Hi %%=v([Tier])=%%")
    _, data, _ = preview_json(capsys, path)
    assert "unknown-attribute" in codes(data)


def test_msg_without_inbound_warning(capsys, tmp_path):
    path = template(tmp_path, "You sent %%=v(MSG(0))=%%")
    _, data, _ = preview_json(capsys, path)
    assert "no-inbound" in codes(data)


def test_msg_with_inbound_no_warning(capsys, tmp_path):
    path = template(tmp_path, "You sent %%=v(MSG(0))=%%")
    _, data, _ = preview_json(capsys, path, "--mo", "HELLO")
    assert "no-inbound" not in codes(data)
    assert data["text"] == "You sent HELLO"


def test_extension_chars_info(capsys, tmp_path):
    path = template(tmp_path, "Price {5€}")
    _, data, _ = preview_json(capsys, path)
    [info] = with_code(data, "extension-chars")
    assert info["message"] == "3 extension characters ({ € }) count two characters each in GSM-7"
    assert data["length"] == 13


def test_too_many_segments_warning(capsys, tmp_path):
    path = template(tmp_path, "x" * (153 * 10 + 1))
    _, data, _ = preview_json(capsys, path)
    assert data["segments"] == 11
    assert "too-many-segments" in codes(data)


def test_inbound_truncated_warning(capsys, tmp_path):
    path = template(tmp_path, "%%=Length(MSG(0))=%%")
    _, data, _ = preview_json(capsys, path, "--mo", "A" * 161)
    assert data["text"] == "153"
    assert codes(data) == ["inbound-truncated"]


def test_http_call_failure_warning():
    result = RenderResult("x", http_calls=[HttpCall("https://api.example.com/q", -2, "timed out", "network")])
    [warning] = render_warnings(result)
    assert warning.severity == "warning"
    assert warning.message == "HttpGet https://api.example.com/q failed with status -2: timed out"


def test_actions_reported():
    result = RenderResult("x", actions=[{"action": "set-next-keyword", "keyword": "SIZE"}])
    [warning] = render_warnings(result)
    assert warning.code == "action"
    assert warning.message == "conversation action set-next-keyword: keyword='SIZE'"


def test_notes_keep_template_position():
    result = RenderResult("x", notes=[Note("unknown-attribute", "attribute Tier is not in the context", 3, 7)])
    [warning] = render_warnings(result)
    assert (warning.source, warning.line, warning.column) == ("template", 3, 7)


# ------------------------------------------------------------ several --mo


# MSG(n) for n other than 0 is a runtime error, so the inbound text BAD makes the render fail.
ROUTER = '%%[ IF MSG(0).VERB == "BAD" THEN SET @old = MSG(1) ENDIF ]%%You sent %%=v(MSG(0).VERB)=%%'



def test_several_mo_json_list(capsys, tmp_path):
    path = template(tmp_path, ROUTER)
    code, data, _ = preview_json(capsys, path, "--mo", "JOIN", "--mo", "STOP")
    assert code == 0
    assert [reply["text"] for reply in data] == ["You sent JOIN", "You sent STOP"]
    assert [reply["inbound"] for reply in data] == ["JOIN", "STOP"]


def test_single_mo_json_object(capsys, tmp_path):
    path = template(tmp_path, ROUTER)
    _, data, _ = preview_json(capsys, path, "--mo", "JOIN")
    assert isinstance(data, dict)


def test_several_mo_text_headings(capsys, tmp_path):
    path = template(tmp_path, ROUTER)
    _, out, _ = preview(capsys, path, "--mo", "JOIN", "--mo", "STOP")
    assert 'reply 1 of 2 · inbound "JOIN"' in out
    assert 'reply 2 of 2 · inbound "STOP"' in out


def test_several_mo_error_continues(capsys, tmp_path):
    path = template(tmp_path, ROUTER)
    code, out, err = preview(capsys, path, "--mo", "BAD", "--mo", "JOIN")
    assert code == 1
    assert "MSG(1) is not available" in err
    assert "render failed: MSG(1) is not available" in out
    assert "You sent JOIN" in out


def test_several_mo_error_json(capsys, tmp_path):
    path = template(tmp_path, ROUTER)
    code, data, err = preview_json(capsys, path, "--mo", "BAD", "--mo", "JOIN")
    assert code == 1
    assert data[0]["text"] is None
    assert data[0]["error"]["message"].startswith("MSG(1) is not available")
    assert data[1]["text"] == "You sent JOIN"
    assert "MSG(1) is not available" in err


def test_mo_overrides_context_inbound(capsys):
    _, data, _ = preview_json(capsys, *STOCK, "--mo", "STOCK orcl")
    assert data["inbound"] == "STOCK orcl"


def test_render_mo_not_repeatable():
    from ampsms.cli import build_parser

    with pytest.raises(SystemExit) as caught:
        build_parser().parse_args(["render", "t.amp", "--mo", "A", "--mo", "B"])
    assert caught.value.code == 2


# ------------------------------------------------------------- exit codes


def test_max_segments_exceeded_exits_1(capsys, tmp_path):
    path = template(tmp_path, "a" * 161)
    code, data, _ = preview_json(capsys, path, "--max-segments", "1")
    assert code == 1
    assert codes(data)[0] == "max-segments"


def test_max_segments_met_exits_0(capsys, tmp_path):
    path = template(tmp_path, "a" * 161)
    code, _, _ = preview(capsys, path, "--max-segments", "2")
    assert code == 0


def test_max_segments_any_reply(capsys, tmp_path):
    path = template(tmp_path, "%%=v(MSG(0))=%% %%=v(MSG(0))=%%")
    code, _, _ = preview(capsys, path, "--mo", "short", "--mo", "x" * 100, "--max-segments", "1")
    assert code == 1


def test_max_segments_zero_rejected(capsys, tmp_path):
    path = template(tmp_path, "a")
    with pytest.raises(SystemExit) as exit_info:
        main(["preview", path, "--max-segments", "0"])
    assert exit_info.value.code == 2


def test_syntax_error_exits_1(capsys, tmp_path):
    path = template(tmp_path, "%%[ SET @a = ]%%")
    code, out, err = preview(capsys, path)
    assert code == 1
    assert out == ""
    assert f"{path}:1:" in err


def test_missing_template_exits_2(capsys, tmp_path):
    code, _, err = preview(capsys, str(tmp_path / "missing.amp"))
    assert code == 2
    assert "template file not found" in err


def test_watch_stdin_rejected(capsys):
    code, _, err = preview(capsys, "-", "--watch")
    assert code == 2
    assert "--watch needs a template file" in err


# ------------------------------------------------------------------ color


def test_color_flag_forces_ansi(capsys):
    _, out, _ = preview(capsys, *STOCK, "--color")
    assert "\x1b[" in out


def test_no_color_env_plain_on_terminal(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    assert should_use_color(None, Terminal()) is False


def test_terminal_gets_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert should_use_color(None, Terminal()) is True


def test_no_color_flag_wins(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert should_use_color(False) is False


def test_no_color_env_output_plain(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = preview(capsys, *STOCK)
    assert "\x1b[" not in out


# ------------------------------------------------------------------- watch


def read_lines(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line)


def wait_for(lines: queue.Queue, needle: str, seen: list[str], timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return True
    return False


@contextlib.contextmanager
def watching(path: Path, *options: str):
    """Run ``preview --watch`` on path; yield the process and a queue of its stdout lines."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ampsms", "preview", str(path), "--watch", "--interval", "0.05", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def test_watch_renders_again_on_change(tmp_path):
    path = tmp_path / "w.amp"
    path.write_text("first version", encoding="utf-8")
    seen: list[str] = []
    with watching(path) as (process, lines):
        assert wait_for(lines, "watching", seen), "".join(seen)
        assert any("first version" in line for line in seen)
        path.write_text("second version, longer", encoding="utf-8")
        assert wait_for(lines, "re-rendered at", seen), "".join(seen)
        assert wait_for(lines, "second version, longer", seen), "".join(seen)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_watch_shows_error_and_continues(tmp_path):
    path = tmp_path / "w.amp"
    path.write_text("%%[ SET @a = ]%%", encoding="utf-8")
    seen: list[str] = []
    with watching(path) as (process, lines):
        assert wait_for(lines, "watching", seen), "".join(seen)
        path.write_text("fixed now", encoding="utf-8")
        assert wait_for(lines, "fixed now", seen), "".join(seen)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "w.amp:1:" in process.stderr.read()


def test_watch_json_stdout_stays_json(tmp_path):
    path = tmp_path / "w.amp"
    path.write_text("one", encoding="utf-8")
    seen: list[str] = []
    with watching(path, "--format", "json") as (process, lines):
        assert wait_for(lines, '"error": null', seen), "".join(seen)
        path.write_text("two, longer", encoding="utf-8")
        assert wait_for(lines, '"error": null', seen), "".join(seen)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "watching" in process.stderr.read()
        while wait_for(lines, "", seen, timeout=1):
            pass  # collect the lines still queued after the exit
    documents = "".join(seen).replace("}\n{", "}\n\x00{").split("\x00")
    assert [json.loads(document)["text"] for document in documents] == ["one", "two, longer"]
