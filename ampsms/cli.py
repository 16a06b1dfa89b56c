"""The ``ampsms`` command line: render, preview, lint, test and fuzz SMS templates.

Exit codes are the same for every command: 0 for success, 1 when a template
or a check fails, 2 for a usage error (bad options, unreadable files,
invalid context files).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .context import load_context_file, make_context, RenderContext
from .errors import AmpscriptError, AmpscriptSyntaxError, ContextError

__all__ = ["EXIT_FAILURE", "EXIT_OK", "EXIT_USAGE", "UsageError", "main"]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

# Each command lives in its own module with add_parser(subparsers) and run(args).
COMMAND_MODULES = [
    "ampsms.commands.lint",
    "ampsms.commands.preview",
    "ampsms.commands.render",
    "ampsms.commands.test",
    "ampsms.commands.fuzz",
]


class UsageError(Exception):
    """Bad command-line input: reported on stderr with exit code 2."""


# ------------------------------------------------------------ shared helpers


def read_template(path: str) -> tuple[str, str]:
    """Read a template file, or stdin for ``-``, and return ``(source, display name)``.

    The text is decoded as UTF-8 and kept byte for byte, line endings
    included. Only a leading byte-order mark is dropped, because it is an
    editor artifact and not message content.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            data = Path(path).read_bytes()
        except IsADirectoryError:
            raise UsageError(f"{path} is a folder; give a template file") from None
        except FileNotFoundError:
            raise UsageError(f"template file not found: {path}") from None
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
        name = path
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # The file exists but its content is wrong: a template error, like a
        # syntax error, rather than a usage error.
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise AmpscriptSyntaxError(
            f"the file is not UTF-8 text (invalid byte 0x{data[error.start]:02X} at offset {error.start})",
            line=line,
            column=column,
            source_name=name,
            hint="save the template as UTF-8",
        ) from None
    if source.startswith("\ufeff"):
        source = source[1:]
    return source, name


class _GivenOnce(argparse.Action):
    """Store an option's value, rejecting a second use instead of keeping only the last."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            raise argparse.ArgumentError(
                self, "may be given only once here; ampsms preview renders several inbound texts"
            )
        setattr(namespace, self.dest, values)


def add_context_options(parser: argparse.ArgumentParser) -> None:
    """Add the options that build a render context."""
    group = parser.add_argument_group("render context")
    group.add_argument("--context", metavar="FILE", help="JSON or TOML file with the context parts")
    group.add_argument(
        "--mo", metavar="TEXT", action=_GivenOnce, help="the inbound (MO) message text, read by MSG(0)"
    )
    group.add_argument("--mobile", metavar="NUMBER", help="the contact's mobile number, digits with country code")
    group.add_argument("--short-code", metavar="CODE", help="the short or long code (SHORT_CODE)")
    group.add_argument(
        "--attr",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="a contact attribute; repeat for more (overrides the context file)",
    )
    group.add_argument("--now", metavar="ISO", help="the clock, e.g. 2026-12-04T09:30:00-06:00")
    group.add_argument("--data-extensions", metavar="DIR", help="folder of NAME.csv files for Lookup functions")
    group.add_argument("--seed", type=int, metavar="N", help="make Random and GUID repeatable")
    group.add_argument(
        "--allow-network",
        action="store_true",
        help="let HttpGet fetch URLs that have no mock (ports 80 and 443 only)",
    )
    group.add_argument(
        "--strict",
        action="store_true",
        help="make unknown attributes and %%%%Name%%%% strings errors instead of empty or verbatim",
    )


def context_parts_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Merge the context file with the command-line overrides into context parts."""
    parts: dict[str, Any] = {}
    if getattr(args, "context", None):
        try:
            parts = load_context_file(args.context)
        except ContextError as error:
            raise UsageError(str(error)) from None
    attributes = dict(parts.get("attributes") or {})
    for item in getattr(args, "attr", []) or []:
        name, separator, value = item.partition("=")
        if not separator or not name.strip():
            raise UsageError(f"--attr takes NAME=VALUE, got {item!r}")
        attributes[name] = value
    if attributes:
        parts["attributes"] = attributes
    if getattr(args, "mo", None) is not None:
        parts["inbound"] = args.mo
    if getattr(args, "mobile", None) is not None:
        parts["mobile_number"] = args.mobile
    if getattr(args, "short_code", None) is not None:
        parts["short_code"] = args.short_code
    if getattr(args, "now", None) is not None:
        parts["now"] = args.now
    if getattr(args, "data_extensions", None) is not None:
        folder = Path(args.data_extensions)
        if not folder.exists():
            raise UsageError(f"--data-extensions: folder not found: {folder}")
        if not folder.is_dir():
            raise UsageError(
                f"--data-extensions: {folder} is a file; give the folder that contains one NAME.csv file per data extension"
            )
        parts["data_extensions"] = args.data_extensions
    if getattr(args, "seed", None) is not None:
        parts["seed"] = args.seed
    return parts


def context_from_args(args: argparse.Namespace, **overrides: Any) -> RenderContext:
    """Build the render context from the command-line options."""
    parts = context_parts_from_args(args)
    parts.update(overrides)
    try:
        return make_context(
            **parts,
            allow_network=getattr(args, "allow_network", False),
            strict=getattr(args, "strict", False),
        )
    except ContextError as error:
        raise UsageError(str(error)) from None


def write_stdout(text: str) -> None:
    """Write text to stdout exactly as UTF-8, with no newline translation."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", errors="replace"))
    sys.stdout.buffer.flush()


def print_error(message: str) -> None:
    """Print a message to stderr."""
    print(message, file=sys.stderr)


# -------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every command's subparser."""
    parser = argparse.ArgumentParser(
        prog="ampsms",
        description="Render, preview, lint, test and fuzz AMPscript SMS templates for MobileConnect.",
    )
    parser.add_argument("--version", action="version", version=f"ampsms {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        command = module.add_parser(subparsers)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print_error(f"ampsms {args.command}: {error}")
        return EXIT_USAGE
    except AmpscriptError as error:
        print_error(str(error))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
