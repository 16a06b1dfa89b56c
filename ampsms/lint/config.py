"""Lint configuration: which rules run, their severities and the limits they check.

The settings live in ``pyproject.toml`` under ``[tool.ampsms.lint]``::

    [tool.ampsms.lint]
    select = ["ALL"]              # rule codes or two-letter groups ("WS")
    ignore = ["CH02"]
    max-segments = 1              # the rendered message's segment budget
    extensions = [".amp", ".ampscript", ".sms"]

    [tool.ampsms.lint.severity]
    WS01 = "error"                # or "warning"

    [tool.ampsms.lint.per-file-ignores]
    "samples/legacy-*.amp" = ["WS01"]

``ampsms lint`` reads the first ``pyproject.toml`` with a ``[tool.ampsms]``
table, walking up from the current folder, unless ``--config`` names a file.
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Mapping

from .diagnostics import Severity

__all__ = [
    "ConfigError",
    "DEFAULT_EXTENSIONS",
    "DEFAULT_MAX_SEGMENTS",
    "LintConfig",
    "config_from_table",
    "find_config",
    "load_config",
]

DEFAULT_EXTENSIONS = (".amp", ".ampscript", ".sms")

# One segment, because a reply to an inbound text (to STOP, HELP or another
# keyword) should arrive as one SMS, and every further segment is billed.
# Salesforce's MobileConnect guideline allows up to 10 parts, so a project
# that sends longer messages raises max-segments.
DEFAULT_MAX_SEGMENTS = 1

# A template that does not parse is always an error: no setting hides it.
ALWAYS_ON = "SY01"

_KNOWN_KEYS = ("select", "ignore", "severity", "max-segments", "extensions", "per-file-ignores")


class ConfigError(Exception):
    """The lint configuration is invalid: ``ampsms lint`` exits 2."""


@dataclass(frozen=True)
class LintConfig:
    """Settings for one lint run; build it with load_config() or LintConfig()."""

    # Rule codes or groups that run ("ALL" for every rule), and those that do not.
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    # Severity overrides, by rule code or group.
    severity: Mapping[str, Severity] = field(default_factory=dict)
    max_segments: int = DEFAULT_MAX_SEGMENTS
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    # Glob pattern (relative to ``root``) and the codes ignored in matching files.
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    # The folder of the configuration file, which per-file patterns are relative to.
    root: Path | None = None
    # The file the settings came from, or None for the defaults.
    source: Path | None = None

    def __post_init__(self) -> None:
        _check_selectors(self.select, "select")
        _check_selectors(self.ignore, "ignore")
        _check_selectors(tuple(self.severity), "severity")
        for _pattern, codes in self.per_file_ignores:
            _check_selectors(tuple(codes), "per-file-ignores")
        if isinstance(self.max_segments, bool) or not isinstance(self.max_segments, int) or self.max_segments < 1:
            raise ConfigError(f"max-segments must be a whole number of 1 or more, got {self.max_segments!r}")

    def enabled_codes(self) -> frozenset[str]:
        """Return the codes of the rules that run; the syntax rule always runs."""
        from .rules import RULES

        return frozenset(
            rule.code
            for rule in RULES
            if rule.code == ALWAYS_ON
            or (_matches(rule.code, self.select) and not _matches(rule.code, self.ignore))
        )

    def severity_of(self, code: str, default: Severity) -> Severity:
        """Return the configured severity of a rule: its code beats its group, which beats "ALL"."""
        if code == ALWAYS_ON:
            return Severity.ERROR
        for key in (code, code[:2], "ALL"):
            if key in self.severity:
                return self.severity[key]
        return default

    def ignored_for(self, path: str | Path) -> frozenset[str]:
        """Return the rule codes that per-file-ignores switches off for a file."""
        if not self.per_file_ignores:
            return frozenset()
        relative = _relative_posix(Path(path), self.root)
        codes: set[str] = set()
        for pattern, pattern_codes in self.per_file_ignores:
            target = relative if "/" in pattern else PurePosixPath(relative).name
            if fnmatch.fnmatchcase(target, pattern):
                codes.update(_expand(pattern_codes))
        return frozenset(codes)

    def with_overrides(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        max_segments: int | None = None,
    ) -> "LintConfig":
        """Return a copy with command-line settings applied: select replaces, ignore adds."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = _normalize_codes(select)
        if ignore is not None:
            changes["ignore"] = self.ignore + _normalize_codes(ignore)
        if max_segments is not None:
            changes["max_segments"] = max_segments
        return replace(self, **changes)


# ------------------------------------------------------------------ selectors


def _normalize_codes(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in codes if code.strip())


def _known_selectors() -> tuple[set[str], set[str]]:
    from .rules import RULES

    codes = {rule.code for rule in RULES}
    groups = {code[:2] for code in codes}
    return codes, groups


def _check_selectors(selectors: tuple[str, ...], setting: str) -> None:
    codes, groups = _known_selectors()
    for selector in selectors:
        if selector == "ALL" or selector in codes or selector in groups:
            continue
        close = difflib.get_close_matches(selector, sorted(codes | groups), n=1)
        suggestion = f"; did you mean {close[0]}?" if close else ""
        raise ConfigError(
            f"{setting} names the unknown rule code {selector!r}{suggestion} "
            "(run `ampsms lint --list-rules` for the codes)"
        )


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(selector == "ALL" or selector == code or selector == code[:2] for selector in selectors)


def _expand(selectors: Iterable[str]) -> set[str]:
    codes, _groups = _known_selectors()
    return {code for code in codes if _matches(code, selectors)}


def _relative_posix(path: Path, root: Path | None) -> str:
    absolute = path.resolve()
    if root is not None:
        try:
            return absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


# -------------------------------------------------------------------- loading


def find_config(start: Path) -> Path | None:
    """Return the first pyproject.toml with a [tool.ampsms] table in start or a folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "ampsms" in _read_toml(candidate).get("tool", {}):
            return candidate
    return None


def load_config(path: Path | None) -> LintConfig:
    """Read the lint settings from a pyproject.toml; None gives the defaults."""
    if path is None:
        return LintConfig()
    if not path.is_file():
        raise ConfigError(f"configuration file not found: {path}")
    data = _read_toml(path)
    tool = data.get("tool", {}).get("ampsms", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool.ampsms] must be a table")
    settings = tool.get("lint", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: [tool.ampsms.lint] must be a table")
    try:
        return config_from_table(settings, path)
    except ConfigError as error:
        raise ConfigError(f"{path}: [tool.ampsms.lint] {error}") from None


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None


def config_from_table(settings: dict, path: Path) -> LintConfig:
    """Build a LintConfig from the contents of a [tool.ampsms.lint] table found in the file at path."""
    unknown = sorted(set(settings) - set(_KNOWN_KEYS))
    if unknown:
        close = difflib.get_close_matches(unknown[0], _KNOWN_KEYS, n=1)
        suggestion = f"; did you mean {close[0]}?" if close else ""
        raise ConfigError(f"has the unknown setting {unknown[0]!r}{suggestion} (known: {', '.join(_KNOWN_KEYS)})")

    changes: dict[str, Any] = {"root": path.parent.resolve(), "source": path}
    if "select" in settings:
        changes["select"] = _normalize_codes(_string_list(settings["select"], "select"))
    if "ignore" in settings:
        changes["ignore"] = _normalize_codes(_string_list(settings["ignore"], "ignore"))
    if "max-segments" in settings:
        changes["max_segments"] = settings["max-segments"]
    if "extensions" in settings:
        extensions = _string_list(settings["extensions"], "extensions")
        if not extensions:
            raise ConfigError("extensions must name at least one file extension, such as \".amp\"")
        changes["extensions"] = tuple(_normalize_extension(ext) for ext in extensions)
    if "severity" in settings:
        changes["severity"] = _severity_table(settings["severity"])
    if "per-file-ignores" in settings:
        changes["per_file_ignores"] = _per_file_table(settings["per-file-ignores"])
    return LintConfig(**changes)


def _string_list(value: Any, setting: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{setting} must be a list of strings, got {value!r}")
    return value


def _normalize_extension(extension: str) -> str:
    text = extension.strip().lower().lstrip("*")
    if not text.lstrip("."):
        raise ConfigError(f"extensions has an empty entry {extension!r}")
    return text if text.startswith(".") else "." + text


def _severity_table(value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"severity must be a table of rule code = \"error\" or \"warning\", got {value!r}")
    table: dict[str, Severity] = {}
    for code, level in value.items():
        try:
            table[code.strip().upper()] = Severity(str(level).lower())
        except ValueError:
            raise ConfigError(f"severity of {code} must be \"error\" or \"warning\", got {level!r}") from None
    return table


def _per_file_table(value: Any) -> tuple[tuple[str, frozenset[str]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"per-file-ignores must be a table of glob pattern = [codes], got {value!r}")
    entries = []
    for pattern, codes in value.items():
        entries.append((pattern, frozenset(_normalize_codes(_string_list(codes, f"per-file-ignores {pattern!r}")))))
    return tuple(entries)
