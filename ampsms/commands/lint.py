"""``ampsms lint``: check templates for problems, with output for people, JSON and GitHub Actions."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..cli import EXIT_FAILURE, EXIT_OK, UsageError, write_stdout
from ..lint import ConfigError, InputError, find_config, lint_paths, load_config
from ..lint.formatters import OutputFormat, format_result
from ..lint.rules import RULES


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "lint",
        help="check templates for problems",
        description=(
            "Check template files, and the templates in folders, for problems Marketing Cloud would reject "
            "or that change what the phone receives. Settings come from [tool.ampsms.lint] in the nearest "
            "pyproject.toml. Exits 0 when there is no error-severity diagnostic, 1 when there is one, "
            "2 on a usage or configuration error."
        ),
        epilog="Rules and settings: docs/lint.md.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="template files and folders to check; - reads a template from stdin")
    parser.add_argument(
        "--format",
        choices=[item.value for item in OutputFormat],
        default=OutputFormat.HUMAN.value,
        help="output format: human (default), json, or github (workflow annotations)",
    )
    parser.add_argument("--config", metavar="FILE", help="pyproject.toml to read instead of searching for one")
    parser.add_argument(
        "--select", metavar="CODES", help="comma-separated rule codes or groups to run, replacing the configured list"
    )
    parser.add_argument("--ignore", metavar="CODES", help="comma-separated rule codes or groups to skip, added to the configured list")
    parser.add_argument("--max-segments", type=int, metavar="N", help="the SMS segment budget of a rendered message")
    parser.add_argument("--list-rules", action="store_true", help="print every rule's code, severity and summary, then exit")
    return parser


def _list_rules() -> str:
    lines = [f"{rule.code}  {rule.severity.value:<7}  {rule.name}: {rule.summary}" for rule in RULES]
    return "\n".join(lines) + "\n"


def _split(codes: str | None) -> list[str] | None:
    return None if codes is None else [code for code in codes.split(",") if code.strip()]


def run(args: argparse.Namespace) -> int:
    if args.list_rules:
        write_stdout(_list_rules())
        return EXIT_OK
    if not args.paths:
        raise UsageError("give at least one template file or folder, e.g. ampsms lint samples/")
    try:
        config_path = Path(args.config) if args.config else find_config(Path.cwd())
        config = load_config(config_path).with_overrides(
            select=_split(args.select), ignore=_split(args.ignore), max_segments=args.max_segments
        )
        result = lint_paths(args.paths, config)
    except (ConfigError, InputError) as error:
        raise UsageError(str(error)) from None
    write_stdout(format_result(result, OutputFormat(args.format)))
    return EXIT_FAILURE if result.error_count else EXIT_OK
