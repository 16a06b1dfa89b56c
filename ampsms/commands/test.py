"""``ampsms test``: run the cases of ``*.test.toml`` files and report each one."""

from __future__ import annotations

import argparse
import sys
import textwrap

from ..cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, print_error
from ..testing import (
    TestFileError,
    UpdateError,
    find_test_files,
    load_test_file,
    run_test_file,
    update_expectations,
)


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "test",
        help="run the cases in *.test.toml files",
        description=(
            "Run every case of the *.test.toml files found under each PATH (default: the current "
            "folder) and print PASS or FAIL for each, with a diff of expected and rendered text on "
            "failure. Ends with the line 'N passed, M failed', followed by ', K invalid test files' "
            "when some do not load. Exits 1 when a case fails, 2 when a test file is invalid or no "
            "test file is found."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="a test file, or a folder to search (default: .)"
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="rewrite the expect value of each failing case with the text the template renders now",
    )
    return parser


def _indent(report: str) -> str:
    """Indent every line of a failure report that is not empty.

    textwrap.indent's default skips lines of only white space, which would
    leave a diff's blank context line (a single space) at the left margin.
    """
    return textwrap.indent(report, "    ", lambda line: line not in ("\n", ""))


def run(args: argparse.Namespace) -> int:
    try:
        paths = find_test_files(args.paths)
    except FileNotFoundError as error:
        raise UsageError(f"path not found: {error}") from None
    if not paths:
        raise UsageError(f"no *.test.toml files found under {', '.join(args.paths)}")

    passed = failed = updated = invalid = 0
    for path in paths:
        try:
            test_file = load_test_file(path)
        except TestFileError as error:
            # The message starts with file:line:column, as lint and compile errors do.
            print_error(str(error))
            invalid += 1
            continue

        updates: dict[int, str] = {}
        for result in run_test_file(test_file):
            case = result.case
            if result.passed:
                passed += 1
                print(f"PASS {case.id}")
                continue
            if args.update and result.expect_differs and len(result.failures) == 1:
                updates[case.index] = result.text
                print(f"UPDATED {case.id}")
                continue
            failed += 1
            print(f"FAIL {case.id}")
            print(_indent(result.report()))
        if updates:
            try:
                update_expectations(path, updates)
            except (UpdateError, OSError) as error:
                print_error(f"ampsms test: cannot update {path}: {error}")
                failed += len(updates)
            else:
                updated += len(updates)
                passed += len(updates)

    if updated:
        print(f"updated {updated} expected text{'s' if updated != 1 else ''}")
    # CI tools read the "N passed, M failed" prefix, so invalid files follow it.
    summary = f"{passed} passed, {failed} failed"
    if invalid:
        summary += f", {invalid} invalid test file{'s' if invalid != 1 else ''}"
    print(summary)
    sys.stdout.flush()
    if invalid:
        return EXIT_USAGE
    return EXIT_FAILURE if failed else EXIT_OK
