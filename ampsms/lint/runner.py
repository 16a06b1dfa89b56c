"""Run the lint rules over template sources, files and folders."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from ..context import RenderContext, load_context_file, make_context
from ..errors import AmpscriptSyntaxError, ContextError
from ..parser import parse
from .config import ALWAYS_ON, LintConfig
from .diagnostics import Diagnostic
from .rules import RULES, RuleContext, rule_by_code
from .rules.suppressions import UnusedSuppression
from .suppression import find_suppressions

__all__ = [
    "InputError",
    "LintResult",
    "context_files",
    "lint_paths",
    "lint_source",
    "load_contexts",
    "template_files",
]

_CONTEXT_SUFFIXES = (".json", ".toml")

# The path that reads the template from standard input, and its display name.
STDIN = "-"
STDIN_NAME = "<stdin>"


class InputError(Exception):
    """A path or a context file the linter cannot use: ``ampsms lint`` exits 2."""


@dataclass
class LintResult:
    """The diagnostics of a lint run, with the source of each file for showing lines."""

    diagnostics: list[Diagnostic]
    sources: dict[str, str]
    files: int

    @property
    def error_count(self) -> int:
        return sum(1 for diagnostic in self.diagnostics if diagnostic.is_error)

    @property
    def warning_count(self) -> int:
        return len(self.diagnostics) - self.error_count


# ------------------------------------------------------------------- one source


def lint_source(
    source: str,
    *,
    path: str = "<template>",
    config: LintConfig | None = None,
    contexts: Sequence[tuple[str, RenderContext]] = (),
) -> list[Diagnostic]:
    """Lint one template's text and return its diagnostics, sorted by position.

    ``contexts`` are ``(name, RenderContext)`` pairs to render the template
    with, for the LN rules; ``path`` is shown in the diagnostics and matched
    against per-file-ignores.
    """
    config = config or LintConfig()
    enabled = config.enabled_codes()
    try:
        document, parse_error = parse(source, name=path), None
    except AmpscriptSyntaxError as error:
        document, parse_error = None, error
    context = RuleContext(source, document, path, config, parse_error, tuple(contexts))

    found: list[Diagnostic] = []
    for rule in RULES:
        if rule.code in enabled and (document is not None or not rule.needs_document):
            found.extend(rule().check(context))
    found = [replace(d, severity=config.severity_of(d.code, d.severity)) for d in found]

    ignored = config.ignored_for(path) - {ALWAYS_ON}
    found = [d for d in found if d.code not in ignored]
    if document is not None:
        found = _apply_suppressions(context, found, enabled, ignored)
    return sorted(found, key=Diagnostic.sort_key)


def _apply_suppressions(
    context: RuleContext, found: list[Diagnostic], enabled: frozenset[str], ignored: frozenset[str]
) -> list[Diagnostic]:
    """Drop the diagnostics that disable comments name, and report the comments that hide nothing."""
    suppressions = find_suppressions(context.document, context.analysis)
    if not suppressions:
        return found
    disabled = {s.code for s in suppressions} - {ALWAYS_ON, UnusedSuppression.code}
    kept = [d for d in found if d.code not in disabled]
    used = {d.code for d in found if d.code in disabled}

    if UnusedSuppression.code not in enabled or UnusedSuppression.code in ignored:
        return kept
    rule = UnusedSuppression()
    for suppression in suppressions:
        code = suppression.code
        known = rule_by_code(code)
        if code in used:
            continue
        if known is None:
            message, hint = f"the disable comment names the unknown rule code {code}", "run `ampsms lint --list-rules`"
        elif code in (ALWAYS_ON, UnusedSuppression.code):
            message, hint = f"{code} cannot be disabled by a comment", "remove it from the comment"
        elif code not in enabled or code in ignored:
            continue
        else:
            message = f"the disable comment for {code} ({known.name}) suppresses nothing in this file"
            hint = f"remove {code} from the comment"
        diagnostic = rule.report(context, suppression.line, suppression.column, message, hint)
        kept.append(replace(diagnostic, severity=context.config.severity_of(rule.code, diagnostic.severity)))
    return kept


# ------------------------------------------------------------------ files


def template_files(paths: Sequence[str], config: LintConfig) -> list[str]:
    """Expand files and folders into template paths, as given or joined to the folder given.

    A file named on the command line is linted whatever its extension, and
    ``-`` stands for standard input. A
    folder is searched recursively for files with one of the configured
    extensions, skipping folders whose names start with a dot.
    """
    found: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        if given == STDIN:
            found.append(STDIN)
            continue
        path = Path(given)
        if not path.exists():
            raise InputError(f"path not found: {given}")
        if path.is_dir():
            candidates = sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file()
                and candidate.suffix.lower() in config.extensions
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts[:-1])
            )
            if not candidates:
                # A CI job pointed at the wrong folder must fail, not pass
                # because there was nothing to check.
                raise InputError(
                    f"no template files ({', '.join('*' + e for e in sorted(config.extensions))}) found under {given}"
                )
        else:
            candidates = [path]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(candidate.as_posix())
    return found


def context_files(template: Path) -> list[Path]:
    """Return the context files beside a template: NAME.json, NAME.toml, then NAME.contexts/*."""
    stem = template.name.rsplit(".", 1)[0] if "." in template.name else template.name
    folder = template.parent
    found = [folder / f"{stem}{suffix}" for suffix in _CONTEXT_SUFFIXES if (folder / f"{stem}{suffix}").is_file()]
    contexts_folder = folder / f"{stem}.contexts"
    if contexts_folder.is_dir():
        found.extend(
            sorted(
                path
                for path in contexts_folder.iterdir()
                if path.is_file() and path.suffix.lower() in _CONTEXT_SUFFIXES
            )
        )
    return found


def load_contexts(template: Path) -> list[tuple[str, RenderContext]]:
    """Build a render context from each context file beside a template, named by its path."""
    contexts = []
    for path in context_files(template):
        try:
            contexts.append((path.as_posix(), make_context(**load_context_file(path))))
        except ContextError as error:
            raise InputError(str(error)) from None
    return contexts


def _read(path: str) -> tuple[str | None, Diagnostic | None]:
    """Read a template as UTF-8, dropping a byte-order mark; a file that is not UTF-8 is a SY01 error."""
    try:
        data = sys.stdin.buffer.read() if path == STDIN_NAME else Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        # Columns count characters, so decode the start of the line as far as it goes.
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
        rule = rule_by_code(ALWAYS_ON)
        return None, Diagnostic(
            rule.code,
            rule.name,
            rule.severity,
            path,
            line,
            column,
            f"the file is not UTF-8 text (invalid byte 0x{data[error.start]:02X})",
            "save the template as UTF-8",
        )
    return source.removeprefix("\ufeff"), None


def lint_paths(paths: Sequence[str], config: LintConfig) -> LintResult:
    """Lint every template under the given files and folders."""
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    files = template_files(paths, config)
    renders = any(code.startswith("LN") for code in config.enabled_codes())
    for given in files:
        path = STDIN_NAME if given == STDIN else given
        source, problem = _read(path)
        if problem is not None:
            diagnostics.append(problem)
            continue
        sources[path] = source
        contexts = load_contexts(Path(path)) if renders and given != STDIN else []
        diagnostics.extend(lint_source(source, path=path, config=config, contexts=contexts))
    return LintResult(sorted(diagnostics, key=Diagnostic.sort_key), sources, len(files))
