"""Read conformance case files: templates with their context and exact expected output.

A case starts with "=== NAME", may have a "context: {JSON}" line, then
"--- template" and the template text, then "--- expect" with the exact
output or "--- error" when rendering must raise an AmpscriptError. Text runs
to the next "=== " line, less one final newline. Lines starting with "#"
before the first case are comments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Case:
    name: str
    template: str
    context: dict = field(default_factory=dict)
    expect: str | None = None
    error: bool = False
    path: str = ""


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines) and not lines[i].startswith("=== "):
        i += 1
    while i < len(lines):
        name = lines[i][4:].strip()
        i += 1
        context = {}
        if i < len(lines) and lines[i].startswith("context:"):
            context = json.loads(lines[i][len("context:"):])
            i += 1
        if lines[i] != "--- template":
            raise ValueError(f"{path}: case {name!r} has no '--- template' line")
        i += 1
        template_lines = []
        while lines[i] not in ("--- expect", "--- error"):
            template_lines.append(lines[i])
            i += 1
        section = lines[i]
        i += 1
        body_lines = []
        while i < len(lines) and not lines[i].startswith("=== "):
            body_lines.append(lines[i])
            i += 1
        case = Case(name, "\n".join(template_lines), context, path=str(path))
        if section == "--- expect":
            body = "\n".join(body_lines)
            if body.endswith("\n"):
                body = body[:-1]
            case.expect = body
        else:
            case.error = True
        cases.append(case)
    return cases
