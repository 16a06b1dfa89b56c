"""One module per ``ampsms`` command, each with ``add_parser(subparsers)`` and ``run(args)``."""
