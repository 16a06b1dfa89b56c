"""``ampsms fuzz``: render a template for many varied contexts and report each kind of bad reply."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random

from .. import compile as compile_template
from ..cli import EXIT_FAILURE, EXIT_OK, UsageError, read_template, write_stdout
from ..context import load_context_file, make_context
from ..errors import ContextError
from ..fuzz import DEFAULT_EXAMPLES, DEFAULT_MAX_SEGMENTS, FuzzReport, fuzz_template


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "fuzz",
        help="render a template for many varied contexts and report bad replies",
        description=(
            "Vary the context parts TEMPLATE reads (MSG(0), attributes, MOBILE_NUMBER, SHORT_CODE, "
            "HttpGet replies), starting from the --context file, and report each kind of problem: "
            "runtime errors, replies over the segment limit, UCS-2 replies from a GSM-7 template, "
            "empty replies and %% left in the reply. Each comes with the smallest failing context "
            "as a [[case]] for a *.test.toml file. Exits 1 when a problem is found, 0 otherwise."
        ),
    )
    parser.add_argument("template", metavar="TEMPLATE", help="template file")
    parser.add_argument("--context", metavar="FILE", help="JSON or TOML file with the base context parts")
    parser.add_argument(
        "--examples",
        type=_positive,
        default=DEFAULT_EXAMPLES,
        metavar="N",
        help=f"number of contexts to try (default: {DEFAULT_EXAMPLES})",
    )
    parser.add_argument(
        "--seed", type=int, metavar="S", help="seed for the drawn contexts; the same seed gives the same report"
    )
    parser.add_argument(
        "--max-segments",
        type=_positive,
        default=DEFAULT_MAX_SEGMENTS,
        metavar="N",
        help=f"largest acceptable number of SMS segments in a reply (default: {DEFAULT_MAX_SEGMENTS})",
    )
    parser.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    return parser


def _json_safe(value):
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def _report_json(report: FuzzReport, case_template: str, max_segments: int) -> str:
    findings = []
    for finding in report.findings:
        problem = finding.problem
        findings.append(
            {
                "kind": problem.kind,
                "title": finding.title,
                "message": problem.message,
                "messages": finding.messages,
                "function": problem.function,
                "line": problem.line,
                "column": problem.column,
                "count": finding.count,
                "shrunk": finding.shrunk,
                "context": _json_safe(finding.context),
                "case": finding.case_toml(case_template, max_segments),
            }
        )
    data = {
        "template": report.template,
        "seed": report.seed,
        "examples": report.examples,
        "tried": report.tried,
        "max_segments": max_segments,
        "varied": report.inputs.to_dict(),
        "findings": findings,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _report_text(report: FuzzReport, case_template: str, max_segments: int) -> str:
    contexts = f"{report.tried} context" + ("" if report.tried == 1 else "s")
    lines = [f"Fuzzed {report.template} with {contexts} (seed {report.seed})."]
    varied = report.inputs.describe()
    lines.append("Varied: " + ("; ".join(varied) if varied else "nothing: the template reads no context"))
    if not report.findings:
        lines.append("No problems found.")
        return "\n".join(lines) + "\n"
    count = len(report.findings)
    lines.append(f"Found {count} kind{'s' if count != 1 else ''} of problem.")
    for number, finding in enumerate(report.findings, 1):
        problem = finding.problem
        lines.append("")
        lines.append(f"{number}. {finding.title}, in {finding.count} of {contexts}:")
        lines.append(f"   {problem.message}")
        others = finding.messages[1:]
        if others:
            plural = "s" if len(others) != 1 else ""
            lines.append(f"   The same call also failed with {len(others)} other message{plural}:")
            lines.extend(f"   - {message}" for message in others)
        shrunk = "Smallest failing context" if finding.shrunk else "First failing context (not shrunk)"
        lines.append(f"   {shrunk}, as a test case:")
        lines.append("")
        lines.append(finding.case_toml(case_template, max_segments).rstrip("\n"))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    source, name = read_template(args.template)
    base = {}
    if args.context:
        try:
            base = load_context_file(args.context)
            make_context(**base)
        except ContextError as error:
            raise UsageError(str(error)) from None
    template = compile_template(source, name=name)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)

    report = fuzz_template(template, base=base, examples=args.examples, seed=seed, max_segments=args.max_segments)
    # A test file sits next to the template, so cases name it by file name.
    case_template = os.path.basename(args.template)
    if args.format == "json":
        write_stdout(_report_json(report, case_template, args.max_segments))
    else:
        write_stdout(_report_text(report, case_template, args.max_segments))
    return EXIT_FAILURE if report.findings else EXIT_OK
