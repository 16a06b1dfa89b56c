"""docs/lint.md matches the rules, and every rule's documented examples behave as documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ampsms.lint import RULES, LintConfig, lint_paths
from ampsms.lint.docs import REGENERATE, render_docs, rule_examples

ROOT = Path(__file__).resolve().parent.parent


def test_docs_page_is_current():
    committed = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    assert committed == render_docs(), f"docs/lint.md is out of date; regenerate it with: {REGENERATE}"


def _lint_example(rule, text: str, folder: Path):
    template = folder / "example.amp"
    template.write_text(text, encoding="utf-8")
    if rule.example_context is not None:
        (folder / "example.json").write_text(json.dumps(rule.example_context), encoding="utf-8")
    return lint_paths([str(template)], LintConfig()).diagnostics


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_failing_example_triggers_rule(rule, tmp_path):
    example = rule_examples(rule)["Fails"]
    codes = [d.code for d in _lint_example(rule, example, tmp_path)]
    assert rule.code in codes


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_passing_example_is_clean(rule, tmp_path):
    example = rule_examples(rule)["Passes"]
    found = [f"{d.line}:{d.column} {d.code} {d.message}" for d in _lint_example(rule, example, tmp_path)]
    assert found == []


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_metadata(rule):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary.endswith(".")
    assert rule.__doc__.splitlines()[0].strip()


def test_rule_names_are_unique():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
