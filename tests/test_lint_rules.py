"""Run the lint rule cases in tests/lint_cases/<CODE>.toml, one test per case.

The file format is described in tests/lint_cases/README.md.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from ampsms.lint import RULES, LintConfig, lint_paths
from ampsms.lint.config import config_from_table

CASE_DIR = Path(__file__).parent / "lint_cases"


def _load_cases() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CASE_DIR.glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            cases.append((path.stem, case))
    return cases


CASES = _load_cases()


def _config(code: str, case: dict, root: Path) -> LintConfig:
    settings = dict(case.get("config", {}))
    settings.setdefault("select", case.get("select", [code]))
    return config_from_table(settings, root / "pyproject.toml")


def _write_case(case: dict, folder: Path) -> Path:
    template = folder / "case.amp"
    template.write_text(case["template"], encoding="utf-8")
    if "context" in case:
        (folder / "case.json").write_text(json.dumps(case["context"]), encoding="utf-8")
    for name, parts in case.get("contexts", {}).items():
        contexts = folder / "case.contexts"
        contexts.mkdir(exist_ok=True)
        (contexts / name).write_text(json.dumps(parts), encoding="utf-8")
    return template


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{code}: {case['name']}" for code, case in CASES])
def test_rule_case(code, case, tmp_path):
    template = _write_case(case, tmp_path)
    result = lint_paths([str(template)], _config(code, case, tmp_path))
    found = [(d.code, d.line, d.column) for d in result.diagnostics]
    expected = [(item["code"], item["line"], item["column"]) for item in case["expect"]]
    assert found == expected, "\n".join(f"{d.line}:{d.column} {d.code} {d.message}" for d in result.diagnostics)
    for item, diagnostic in zip(case["expect"], result.diagnostics):
        if "message" in item:
            assert item["message"] in diagnostic.message


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_has_cases(rule):
    cases = [case for code, case in CASES if code == rule.code]
    assert any(case["expect"] for case in cases), f"add a failing case to tests/lint_cases/{rule.code}.toml"
    assert any(not case["expect"] for case in cases), f"add a passing case to tests/lint_cases/{rule.code}.toml"
