"""pytest plugin: collect ``*.test.toml`` files as tests, and render templates from Python tests.

Installing ampsms registers this module under the ``pytest11`` entry point,
so pytest loads it in every project where ampsms is installed (disable it
with ``-p no:ampsms``). Each case of a test file becomes one test item that
passes or fails exactly as ``ampsms test`` would judge it, and a failure
shows the same report with the diff of expected and rendered text.

The ``ampsms_render`` fixture renders a template for teams who prefer to
write their checks in Python::

    def test_greeting(ampsms_render):
        text = ampsms_render(Path("greeting.amp"), attributes={"FirstName": "Ana"})
        assert text == "Hi Ana"
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from . import compile as compile_template
from .compiler import RenderResult, Template
from .context import load_context_file
from .testing import TEST_FILE_SUFFIX, CaseResult, TestCase, TestFileError, load_test_file, run_case


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.name.endswith(TEST_FILE_SUFFIX):
        return AmpsmsTestFile.from_parent(parent, path=file_path)
    return None


class AmpsmsTestFile(pytest.File):
    """A ``*.test.toml`` file: one test item per case."""

    def collect(self):
        try:
            test_file = load_test_file(self.path)
        except TestFileError as error:
            raise self.CollectError(str(error)) from None
        cache: dict[Path, Any] = {}
        for case in test_file.cases:
            yield AmpsmsCase.from_parent(self, name=case.name, case=case, cache=cache)


class CaseFailed(Exception):
    """A case's expectations were not met; carries the result to report."""

    def __init__(self, result: CaseResult) -> None:
        super().__init__(result.report())
        self.result = result


class AmpsmsCase(pytest.Item):
    """One ``[[case]]`` of a test file."""

    def __init__(self, *, case: TestCase, cache: dict, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case = case
        self._cache = cache

    def runtest(self) -> None:
        result = run_case(self.case, self._cache)
        if not result.passed:
            raise CaseFailed(result)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            return excinfo.value.result.report()
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        # pytest's verbose line turns the dots of a domain that ends the node
        # id into "::" (a Python module path). This domain never ends the
        # node id, so -v prints the node id as it is, ready to run again.
        line = (self.case.line - 1) if self.case.line else None
        return self.path, line, f"{self.path.name}: case {self.case.name!r}"


class TemplateRenderer:
    """Render templates from a Python test: the object behind the ``ampsms_render`` fixture.

    A template is a file when given as a ``pathlib.Path`` (relative to the
    test module's folder) and template source when given as a ``str``.
    Each file is compiled once per test.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self._templates: dict[Path, Template] = {}

    def compile(self, template: str | os.PathLike) -> Template:
        """Compile template source, or a template file given as a Path."""
        if isinstance(template, os.PathLike):
            path = (self.base / Path(template)).resolve()
            if path not in self._templates:
                source = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
                self._templates[path] = compile_template(source, name=str(template))
            return self._templates[path]
        if isinstance(template, str):
            return compile_template(template)
        raise TypeError(f"template must be source text (str) or a file (Path), got {type(template).__name__}")

    def run(self, template: str | os.PathLike, *, context: str | os.PathLike | None = None, **parts: Any) -> RenderResult:
        """Render and return the full RenderResult: text, HTTP calls, actions and notes.

        ``context`` names a JSON or TOML context file (relative to the test
        module's folder); keyword parts are laid over it.
        """
        merged: dict[str, Any] = {}
        if context is not None:
            merged = load_context_file(self.base / Path(context))
        merged.update(parts)
        return self.compile(template).run(**merged)

    def __call__(self, template: str | os.PathLike, *, context: str | os.PathLike | None = None, **parts: Any) -> str:
        """Render and return the message text exactly."""
        return self.run(template, context=context, **parts).text


@pytest.fixture
def ampsms_render(request) -> TemplateRenderer:
    """Render an AMPscript template (a Path to a file, or source text) with context parts; returns the text."""
    return TemplateRenderer(Path(request.path).parent)
