"""``ampsms preview``: show the reply a phone gets, with its SMS numbers and warnings."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from .. import compile as compile_template
from ..cli import (
    EXIT_FAILURE,
    EXIT_OK,
    UsageError,
    add_context_options,
    context_from_args,
    print_error,
    read_template,
    write_stdout,
)
from ..errors import AmpscriptError
from ..preview import PreviewWarning, Reply, preview_reply, reply_to_dict
from ..preview_text import DEFAULT_WIDTH, MIN_WIDTH, format_reply, heading_for
from ..terminal import Style, should_use_color

_CLEAR_SCREEN = "\x1b[H\x1b[2J"


def add_parser(subparsers) -> argparse.ArgumentParser:
    # conflict_handler="resolve" lets preview replace the shared --mo option
    # with a repeatable one, leaving render's unchanged.
    parser = subparsers.add_parser(
        "preview",
        help="show the reply a phone gets, with encoding, length, segments and warnings",
        description=(
            "Render TEMPLATE and show the reply as a phone shows it: a framed message box with line "
            "breaks and trailing spaces marked, a summary line (encoding, length, segments) and "
            "warnings. Exits 1 when a render fails or a reply needs more than --max-segments, "
            "2 on a usage error."
        ),
        conflict_handler="resolve",
    )

    parser.add_argument("template", metavar="TEMPLATE", help="template file, or - for stdin")
    add_context_options(parser)
    parser.add_argument(
        "--mo",
        metavar="TEXT",
        action="append",
        dest="mo_texts",
        help="an inbound (MO) message text, read by MSG(0); repeat to preview the reply to each",
    )

    output = parser.add_argument_group("output")
    output.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text (default) or json: one object, or a list of objects when --mo is given more than once",
    )

    output.add_argument(
        "--max-segments",
        type=_positive_int,
        metavar="N",
        help="exit 1 when any reply needs more than N segments",
    )

    output.add_argument(
        "--width",
        type=_box_width,
        default=DEFAULT_WIDTH,
        metavar="COLUMNS",
        help=f"columns inside the message box (default {DEFAULT_WIDTH})",
    )

    output.add_argument(
        "--color",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="force color on or off (default: on for a terminal unless NO_COLOR is set)",
    )

    output.add_argument(
        "--watch",
        action="store_true",
        help="render again whenever the template, the context file or a data extension file changes",
    )

    output.add_argument(
        "--interval",
        type=_positive_float,
        default=0.5,
        metavar="SECONDS",
        help="how often --watch checks the files for changes (default 0.5)",
    )

    return parser


def run(args: argparse.Namespace) -> int:
    if args.watch:
        return watch(args)
    return preview_once(args)


def preview_once(args: argparse.Namespace) -> int:
    """Render every requested reply, write the preview, and return the exit code."""
    source, name = read_template(args.template)
    template = compile_template(source, name=name)
    inbounds = args.mo_texts or [None]

    replies: list[Reply] = []
    for inbound in inbounds:
        # Without --mo the context file's inbound message, if any, is used.
        context = context_from_args(args) if inbound is None else context_from_args(args, inbound=inbound)
        reply = preview_reply(template, context)
        if args.max_segments is not None and reply.info is not None and reply.info.segments > args.max_segments:
            reply.warnings.insert(
                0,
                PreviewWarning(
                    "max-segments",
                    f"the reply needs {reply.info.segments} segments, more than --max-segments {args.max_segments}",
                    severity="error",
                ),
            )
        replies.append(reply)

    if args.format == "json":
        _write_json(replies, several=len(inbounds) > 1)
        for reply in replies:
            if reply.error is not None:
                print_error(str(reply.error))
    else:
        _write_text(replies, args, name)

    failed = any(reply.error is not None for reply in replies) or any(
        warning.code == "max-segments" for reply in replies for warning in reply.warnings
    )
    return EXIT_FAILURE if failed else EXIT_OK


def _write_text(replies: list[Reply], args: argparse.Namespace, template_name: str) -> None:
    style = Style(should_use_color(args.color))
    for number, reply in enumerate(replies, start=1):
        if number > 1:
            write_stdout("\n")
        heading = heading_for(reply.inbound, number, len(replies))
        write_stdout(
            format_reply(
                reply,
                style,
                width=args.width,
                heading=heading,
                template_name=template_name,
                max_segments=args.max_segments,
            )
        )
        if reply.error is not None:
            sys.stderr.flush()
            print_error(str(reply.error))
            sys.stderr.flush()


def _write_json(replies: list[Reply], *, several: bool) -> None:
    data = [reply_to_dict(reply) for reply in replies]
    document = data if several else data[0]
    write_stdout(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n")


# ------------------------------------------------------------------ watching


def watch(args: argparse.Namespace) -> int:
    """Preview again each time a watched file changes, until Ctrl-C; return 0.

    The files are polled every ``--interval`` seconds by modification time
    and size, so no file-system notification library is needed.
    """
    if args.template == "-":
        raise UsageError("--watch needs a template file, not - for stdin")
    style = Style(should_use_color(args.color))
    clear = sys.stdout.isatty()
    try:
        stamps = _stamps(args)
        _preview_for_watch(args, style)
        while True:
            time.sleep(args.interval)
            current = _stamps(args)
            if current == stamps:
                continue
            changed = [path for path, stamp in current.items() if stamps.get(path) != stamp]
            stamps = current
            if clear:
                write_stdout(_CLEAR_SCREEN)
            else:
                stamp = time.strftime("%H:%M:%S")
                _write_status(args, style, f"--- re-rendered at {stamp} after a change to {', '.join(changed)} ---")
            _preview_for_watch(args, style)
    except KeyboardInterrupt:
        write_stdout("\n")
        return EXIT_OK


def _preview_for_watch(args: argparse.Namespace, style: Style) -> None:
    """Preview once, showing any error and carrying on, because the user is mid-edit."""
    try:
        preview_once(args)
    except UsageError as error:
        print_error(f"ampsms preview: {error}")
    except AmpscriptError as error:
        print_error(str(error))
    sys.stderr.flush()
    watched = ", ".join(_watched_paths(args))
    _write_status(args, style, f"watching {watched}; press Ctrl-C to stop")


def _write_status(args: argparse.Namespace, style: Style, message: str) -> None:
    """Write a --watch status line: to stdout for text, to stderr for JSON so stdout stays JSON."""
    if args.format == "json":
        print_error(message)
        sys.stderr.flush()
    else:
        write_stdout(style.dim(message) + "\n")


def _watched_paths(args: argparse.Namespace) -> list[str]:
    paths = [args.template]
    if args.context:
        paths.append(args.context)
    folder = args.data_extensions
    if folder and os.path.isdir(folder):
        paths.extend(str(path) for path in sorted(Path(folder).glob("*.csv")))
    return paths


def _stamps(args: argparse.Namespace) -> dict[str, tuple[int, int] | None]:
    """Return each watched file's modification time and size, or None for a missing file."""
    stamps: dict[str, tuple[int, int] | None] = {}
    for path in _watched_paths(args):
        try:
            status = os.stat(path)
        except OSError:
            stamps[path] = None
        else:
            stamps[path] = (status.st_mtime_ns, status.st_size)
    return stamps


# ------------------------------------------------------------ option types


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _box_width(text: str) -> int:
    value = _positive_int(text)
    if value < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"the message box needs at least {MIN_WIDTH} columns, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected more than 0 seconds, got {text}")
    return value
