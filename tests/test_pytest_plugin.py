"""The pytest plugin: ``*.test.toml`` cases as test items, and the ``ampsms_render`` fixture.

pytest loads the plugin through the ``pytest11`` entry point of the installed
package, so these runs also check that the entry point is registered. The
samples' test files run here too: ``pytest tests`` (what CI runs) fails when a
sample's case fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ampsms.testing import find_test_files, load_test_file

pytest_plugins = ["pytester"]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

GREETING_TESTS = """\
template = "greet.amp"

[[case]]
name = "greets by name"
attributes = { FirstName = "Ana" }
expect = "Hi Ana!"

[[case]]
name = "blank name"
attributes = { FirstName = "" }
expect = "Hi !"
"""


def make_greeting(pytester, tests: str = GREETING_TESTS) -> None:
    pytester.makefile(".amp", greet="Hi %%=v([FirstName])=%%!")
    pytester.makefile(".test.toml", greet=tests)


def test_cases_collected_as_items(pytester):
    make_greeting(pytester)
    result = pytester.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(["greet.test.toml::greets by name", "greet.test.toml::blank name"])


def test_cases_pass(pytester):
    make_greeting(pytester)
    pytester.runpytest().assert_outcomes(passed=2)


def test_failure_shows_diff(pytester):
    make_greeting(pytester, GREETING_TESTS.replace('expect = "Hi Ana!"', 'expect = "Hello Ana!"'))
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*greet.test.toml: case 'greets by name'*",
            "the rendered text differs from expect:",
            "--- expected",
            "+++ rendered",
            "-Hello Ana!",
            "+Hi Ana!",
        ]
    )
    result.stdout.no_fnmatch_line("*Traceback*")


def test_failure_line_points_at_case(pytester):
    make_greeting(pytester, GREETING_TESTS.replace('expect = "Hi !"', 'expect = "Hi there!"'))
    result = pytester.runpytest("-rf")
    result.stdout.fnmatch_lines(["FAILED greet.test.toml::blank name - the rendered text differs from expect:"])


def test_verbose_id_runs_again(pytester):
    make_greeting(pytester, GREETING_TESTS.replace("blank name", "v1.2 [beta] blank name"))
    result = pytester.runpytest("-v")
    ids = [match.group(1) for line in result.outlines if (match := re.fullmatch(r"(.*) PASSED +\[100%\]", line))]
    assert len(ids) == 1
    node_id = ids[0]
    assert node_id == "greet.test.toml::v1.2 [beta] blank name"
    pytester.runpytest(node_id).assert_outcomes(passed=1)


def test_invalid_file_is_collection_error(pytester):
    make_greeting(pytester, GREETING_TESTS.replace("attributes = { FirstName = \"\" }", "attributez = 1"))
    result = pytester.runpytest()
    assert result.ret == 2
    result.stdout.fnmatch_lines(["*greet.test.toml:10:1: case 'blank name': unknown key 'attributez'; did you mean 'attributes'?*"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_render_fixture(pytester):
    pytester.makefile(".amp", greet="Hi %%=v([FirstName])=%%, %%=v(MSG(0).VERB)=%%")
    pytester.makefile(".json", base='{"inbound": "JOIN now", "attributes": {"FirstName": "Ana"}}')
    pytester.makepyfile(
        """
        from pathlib import Path

        def test_file_with_context(ampsms_render):
            assert ampsms_render(Path("greet.amp"), context="base.json") == "Hi Ana, JOIN"

        def test_parts_override_context(ampsms_render):
            text = ampsms_render(Path("greet.amp"), context="base.json", attributes={"FirstName": "Bo"})
            assert text == "Hi Bo, JOIN"

        def test_source_text(ampsms_render):
            assert ampsms_render("%%=Uppercase('ok')=%%") == "OK"

        def test_run_returns_result(ampsms_render):
            result = ampsms_render.run("%%=HttpGet('https://x.example/a')=%%", http={"https://x.example/a": "ok"})
            assert [call.url for call in result.http_calls] == ["https://x.example/a"]
        """
    )
    pytester.runpytest().assert_outcomes(passed=4)


def test_samples_pass_under_pytest(pytester):
    total = sum(len(load_test_file(path).cases) for path in find_test_files([SAMPLES]))
    result = pytester.runpytest(str(SAMPLES))
    result.assert_outcomes(passed=total)


def test_changed_sample_fails_under_pytest(pytester, tmp_path):
    copy = tmp_path / "samples"
    shutil.copytree(SAMPLES, copy)
    test_file = copy / "stock-quote.test.toml"
    test_file.write_text(test_file.read_text().replace("Thanks for Responding!", "Thanks for replying!", 1))
    result = pytester.runpytest(str(copy))
    result.assert_outcomes(failed=1, passed=sum(len(load_test_file(p).cases) for p in find_test_files([copy])) - 1)
    result.stdout.fnmatch_lines(
        [
            "-example.com Stock is: Crm Salesforce Inc 212.40 Thanks for replying!",
            "+example.com Stock is: Crm Salesforce Inc 212.40 Thanks for Responding!",
        ]
    )
