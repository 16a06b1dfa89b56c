"""``ampsms fuzz``: what a template reads, the problems found, shrinking, and the printed cases."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import ampsms
from ampsms.context import load_context_file
from ampsms.fuzz import find_inputs, fuzz_template
from ampsms.testing import load_test_file, run_test_file

ROOT = Path(__file__).resolve().parent.parent

# Splits a full name at the first space without checking there is one: a
# one-word name gives IndexOf 0 and a negative Substring length.
NAME_SPLIT = (
    '%%[ SET @n = AttributeValue("FullName") '
    'SET @first = Substring(@n, 1, Subtract(IndexOf(@n, " "), 1)) ]%%Hi %%=v(@first)=%%'
)


def inputs_of(source: str):
    return find_inputs(ampsms.parse(source))


def kinds(report) -> list[str]:
    return [finding.problem.kind for finding in report.findings]


# ------------------------------------------------------------------ inputs


def test_inputs_msg_members():
    inputs = inputs_of("%%=v(MSG(0).VERB)=%% %%MSG(0).NOUN(1)%% %%[ SET @a = [MSG(0)] ]%%")
    assert inputs.inbound
    assert inputs.msg_members == {"VERB", "NOUN(1)", "whole message"}


def test_inputs_attributes_every_spelling():
    source = '%%FirstName%% %%=v([Last Name])=%% %%=v(City)=%% %%=AttributeValue("Tier")=%% %%firstname%%'
    assert inputs_of(source).attributes == ["FirstName", "Last Name", "City", "Tier"]


def test_inputs_system_strings():
    inputs = inputs_of("%%mobile_number%% %%=v([_MobileNumber])=%% %%=v(SHORT_CODE)=%% %%_messagecontext%%")
    assert (inputs.mobile_number, inputs.short_code, inputs.attributes) == (True, True, [])


def test_inputs_literal_and_computed_urls():
    source = '%%=HttpGet("https://a.example/x")=%%%%=HttpGet(Concat("https://b.example/", MSG(0).NOUNS))=%%'
    inputs = inputs_of(source)
    assert inputs.literal_urls == ["https://a.example/x"]
    assert inputs.computed_urls == 1


def test_inputs_keywords_from_literals():
    source = '%%[ IF MSG(0).VERB == "JOIN" THEN ]%%in%%[ ELSEIF MSG(0).VERB == "stop now" THEN ]%%out%%[ ENDIF ]%%'
    assert inputs_of(source).keywords == ["JOIN"]


def test_inputs_static_text_encoding():
    assert inputs_of("Hi %%FirstName%%").static_text_is_gsm
    assert not inputs_of("Olá %%FirstName%% 👋").static_text_is_gsm


# ---------------------------------------------------------------- findings


def test_name_split_found_with_one_word_name():
    report = fuzz_template(ampsms.compile(NAME_SPLIT), examples=50, seed=1)
    errors = [f for f in report.findings if f.problem.kind == "runtime-error"]
    assert len(errors) == 1
    finding = errors[0]
    assert finding.problem.function == "Substring"
    assert finding.shrunk
    name = finding.context["attributes"]["FullName"]
    assert name.strip() != ""
    assert " " not in name


def test_name_split_case_fails_when_pasted(tmp_path):
    template = tmp_path / "name.amp"
    template.write_text(NAME_SPLIT)
    report = fuzz_template(ampsms.compile(NAME_SPLIT), examples=50, seed=1)
    finding = next(f for f in report.findings if f.problem.kind == "runtime-error")
    test_file = tmp_path / "name.test.toml"
    test_file.write_text(finding.case_toml("name.amp", 10))
    (result,) = run_test_file(load_test_file(test_file))
    assert not result.passed
    assert "Substring: the length must not be negative" in result.failures[0]


def test_guarded_name_split_is_clean():
    guarded = (
        '%%[ SET @n = AttributeValue("FullName") SET @space = IndexOf(@n, " ") '
        "IF @space > 1 THEN SET @first = Substring(@n, 1, Subtract(@space, 1)) ELSE SET @first = @n ENDIF ]%%"
        "Hi %%=v(@first)=%%"
    )
    report = fuzz_template(ampsms.compile(guarded), base={"attributes": {"FullName": "Ana Lima"}}, examples=50, seed=1)
    assert "runtime-error" not in kinds(report)


def test_segments_over_limit():
    report = fuzz_template(ampsms.compile("Note: %%=v([Bio])=%%"), examples=60, seed=2, max_segments=1)
    finding = next(f for f in report.findings if f.problem.kind == "segments")
    assert finding.problem.message.startswith("the reply needs 2 segments")


def test_ucs2_from_data():
    report = fuzz_template(ampsms.compile("Hi %%FirstName%%"), examples=60, seed=3)
    finding = next(f for f in report.findings if f.problem.kind == "ucs2")
    assert "UCS-2 because of" in finding.problem.message


def test_no_ucs2_finding_when_template_is_ucs2():
    report = fuzz_template(ampsms.compile("Olá %%FirstName%%"), examples=60, seed=3)
    assert "ucs2" not in kinds(report)


def test_empty_reply():
    report = fuzz_template(ampsms.compile("%%=v([Nickname])=%%"), examples=60, seed=4)
    finding = next(f for f in report.findings if f.problem.kind == "empty")
    assert finding.context["attributes"]["Nickname"].strip() == ""


def test_unrendered_from_http_reply():
    report = fuzz_template(ampsms.compile('%%=HttpGet("https://x.example/msg")=%%'), examples=100, seed=5)
    finding = next(f for f in report.findings if f.problem.kind == "unrendered")
    assert "%%" in finding.context["http"]["https://x.example/msg"]


def test_runtime_errors_grouped_apart_from_values():
    # The message carries a different negative length for each value of A.
    source = "x%%=Substring([A], 1, Subtract(Length([A]), 50))=%%"
    report = fuzz_template(ampsms.compile(source), examples=40, seed=6)
    errors = [f for f in report.findings if f.problem.kind == "runtime-error"]
    assert [(f.problem.line, f.problem.column) for f in errors] == [(1, 5)]
    assert errors[0].count > 1


def test_runtime_errors_grouped_by_call_site():
    # StringToDate fails on a blank date with two messages: "empty text is
    # not a date" and "the text ' ' is not a date". One guard fixes both.
    path = ROOT / "samples" / "appointment-reminder.amp"
    base = load_context_file(ROOT / "samples" / "appointment-reminder.json")
    template = ampsms.compile(path.read_text(), name=path.name)
    report = fuzz_template(template, base=base, examples=200, seed=7)
    errors = [f for f in report.findings if f.problem.function == "StringToDate"]
    assert len(errors) == 1
    # Which blank values the search draws depends on the strategies, so the
    # test checks that every message seen was grouped under the one call.
    messages = set(errors[0].messages)
    assert messages
    assert messages <= {"StringToDate: empty text is not a date", "StringToDate: the text ' ' is not a date"}


def test_runtime_error_messages_count_shapes():
    # Each value of A quotes another negative length: one message shape.
    source = "x%%=Substring([A], 1, Subtract(Length([A]), 50))=%%"
    report = fuzz_template(ampsms.compile(source), examples=40, seed=6)
    (finding,) = [f for f in report.findings if f.problem.kind == "runtime-error"]
    assert finding.messages == [finding.problem.message]


def test_constant_template_is_clean():
    report = fuzz_template(ampsms.compile("Reply STOP to end."), examples=20, seed=0)
    assert report.findings == []
    assert report.tried == 1


def test_base_context_kept_where_possible():
    base = {"inbound": "STOCK crm", "mobile_number": "15555551212", "attributes": {"Tier": "Gold"}}
    report = fuzz_template(ampsms.compile("%%=v(MSG(0).NOUN(0))=%%"), base=base, examples=60, seed=7)
    finding = next(f for f in report.findings if f.problem.kind == "empty")
    assert finding.context["mobile_number"] == "15555551212"
    assert finding.context["attributes"] == {"Tier": "Gold"}


def test_same_seed_same_report():
    first = fuzz_template(ampsms.compile(NAME_SPLIT), examples=30, seed=11)
    second = fuzz_template(ampsms.compile(NAME_SPLIT), examples=30, seed=11)
    assert [(f.problem.key, f.count, f.context) for f in first.findings] == [
        (f.problem.key, f.count, f.context) for f in second.findings
    ]


def test_case_toml_parses_with_every_part():
    base = {
        "inbound": "STOCK crm",
        "mobile_number": "15555551212",
        "now": "2026-12-04T09:30:00-06:00",
        "seed": 3,
        "attributes": {"First Name": "Ana\nLima"},
        "http": {"https://q.example/*": {"status": 500, "body": ""}},
    }
    source = '%%=v([First Name])=%%%%=HttpGet(Concat("https://q.example/", MSG(0).NOUNS))=%%'
    report = fuzz_template(ampsms.compile(source), base=base, examples=30, seed=8)
    for finding in report.findings:
        case = tomllib.loads(finding.case_toml("t.amp", 10))["case"][0]
        assert case["template"] == "t.amp"
        assert case["attributes"] == finding.context["attributes"]
        assert case["http"] == finding.context["http"]
        assert case["now"] == "2026-12-04T09:30:00-06:00"


# ------------------------------------------------------------------ command


def run_fuzz(*argv: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, "-m", "ampsms", "fuzz", *argv], capture_output=True, text=True, cwd=ROOT
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def name_split(tmp_path) -> Path:
    path = tmp_path / "name.amp"
    path.write_text(NAME_SPLIT)
    return path


def test_command_text_report(name_split):
    code, out, _ = run_fuzz(str(name_split), "--examples", "40", "--seed", "1")
    assert code == 1
    assert out.splitlines()[0] == f"Fuzzed {name_split} with 40 contexts (seed 1)."
    assert "Varied: attribute FullName" in out
    assert "runtime error at line 1, column 54 in Substring" in out
    assert '[[case]]\nname = "fuzz: runtime error at line 1, column 54 in Substring"\ntemplate = "name.amp"\ncontext = {}\nerror = false' in out


def test_command_json_report(name_split):
    code, out, _ = run_fuzz(str(name_split), "--examples", "40", "--seed", "1", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["seed"] == 1
    assert data["varied"]["attributes"] == ["FullName"]
    finding = next(f for f in data["findings"] if f["kind"] == "runtime-error")
    assert finding["function"] == "Substring"
    assert tomllib.loads(finding["case"])["case"][0]["attributes"] == finding["context"]["attributes"]


def test_command_deterministic(name_split):
    first = run_fuzz(str(name_split), "--examples", "30", "--seed", "5", "--format", "json")
    second = run_fuzz(str(name_split), "--examples", "30", "--seed", "5", "--format", "json")
    assert first == second


def test_command_clean_template_exits_0(tmp_path):
    template = tmp_path / "t.amp"
    template.write_text("Thanks, %%=Uppercase('ok')=%%")
    code, out, _ = run_fuzz(str(template), "--examples", "10")
    assert code == 0
    assert out.splitlines()[-1] == "No problems found."


def test_command_sample_with_context():
    code, out, _ = run_fuzz("samples/stock-quote.amp", "--context", "samples/stock-quote.json", "--examples", "60", "--seed", "7")
    assert code == 1
    assert "HttpGet reply for 1 computed URL (wildcard mock *)" in out


def test_command_lists_other_messages():
    code, out, _ = run_fuzz(
        "samples/appointment-reminder.amp", "--context", "samples/appointment-reminder.json", "--seed", "7"
    )
    assert code == 1
    assert out.count("in StringToDate, in ") == 1
    assert "   The same call also failed with 1 other message:\n   - StringToDate: " in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--examples", "0"], "must be at least 1"),
        (["--max-segments", "x"], "expected a whole number"),
    ],
)
def test_command_usage_errors(name_split, argv, message):
    code, _, err = run_fuzz(str(name_split), *argv)
    assert code == 2
    assert message in err


def test_command_invalid_context(name_split, tmp_path):
    context = tmp_path / "c.json"
    context.write_text('{"inbound": "x", "colour": 1}')
    code, _, err = run_fuzz(str(name_split), "--context", str(context))
    assert code == 2
    assert "unknown keys colour" in err


def test_command_syntax_error_exits_1(tmp_path):
    template = tmp_path / "t.amp"
    template.write_text("%%[ SET @x = ]%%")
    code, _, err = run_fuzz(str(template))
    assert code == 1
    assert "t.amp:1:14" in err


def test_open_clock_and_seed_are_fixed():
    source = "%%=FormatDate(Now(), 'yyyy-MM-dd HH:mm:ss')=%% %%=Random(1, 1000)=%% %%=v([Tier])=%%"
    report = fuzz_template(ampsms.compile(source), examples=30, seed=9)
    finding = next(f for f in report.findings if f.problem.kind == "ucs2")
    assert finding.context["seed"] == 9
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", finding.context["now"])
    rendered = [ampsms.compile(source).render(**finding.context) for _ in range(2)]
    assert rendered[0] == rendered[1]


@pytest.mark.parametrize("template_path", sorted((ROOT / "samples").glob("*.amp")), ids=lambda path: path.name)
def test_samples_fuzz_without_internal_errors(template_path):
    context_path = template_path.with_suffix(".json")
    base = load_context_file(context_path) if context_path.exists() else {}
    template = ampsms.compile(template_path.read_text(encoding="utf-8"), name=template_path.name)
    report = fuzz_template(template, base=base, examples=40, seed=12)
    assert [f.problem.message for f in report.findings if f.problem.kind == "internal-error"] == []


def test_pasted_case_ignores_test_file_defaults(tmp_path):
    # The test file's default context has an exact mock for the order URL,
    # which would match before the printed case's wildcard mock.
    for name in ("keyword-router.amp", "keyword-router.json", "keyword-router.test.toml"):
        (tmp_path / name).write_bytes((ROOT / "samples" / name).read_bytes())
    source = (tmp_path / "keyword-router.amp").read_text()
    base = load_context_file(tmp_path / "keyword-router.json")
    report = fuzz_template(ampsms.compile(source), base=base, examples=80, seed=11)
    finding = next(f for f in report.findings if f.problem.kind == "ucs2")
    test_file = tmp_path / "keyword-router.test.toml"
    test_file.write_text(test_file.read_text() + "\n" + finding.case_toml("keyword-router.amp", 10))
    results = {result.case.name: result for result in run_test_file(load_test_file(test_file))}
    assert not results["fuzz: " + finding.title].passed
