"""Run the command line as ``python -m ampsms``."""

import sys

from ampsms.cli import main

sys.exit(main())
