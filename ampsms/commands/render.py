"""``ampsms render``: print the text a template renders to, exactly."""

from __future__ import annotations

import argparse

from .. import compile as compile_template
from ..cli import EXIT_OK, add_context_options, context_from_args, read_template, write_stdout


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "render",
        help="print the message a template renders to",
        description=(
            "Render TEMPLATE for one context and write the message text to stdout exactly, "
            "adding nothing. Exits 1 on a template error, 2 on a usage error."
        ),
    )
    parser.add_argument("template", metavar="TEMPLATE", help="template file, or - for stdin")
    add_context_options(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    source, name = read_template(args.template)
    context = context_from_args(args)
    template = compile_template(source, name=name)
    write_stdout(template.render(context=context))
    return EXIT_OK
