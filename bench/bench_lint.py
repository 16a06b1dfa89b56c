"""Time linting the samples and the broken fixtures: python bench/bench_lint.py [RUNS].

For each template it reports the time of a whole lint (parse, every rule,
and a render per context file beside it) and, for comparison, of a parse
alone. All numbers come from one run on one machine, so compare them with
each other, not with another run.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

from ampsms.lint import LintConfig, lint_source
from ampsms.errors import AmpscriptSyntaxError
from ampsms.lint.runner import load_contexts
from ampsms.parser import parse

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "samples", ROOT / "tests" / "lint_fixtures" / "broken"]


def bench_template(path: Path, runs: int) -> None:
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        print(f"{path.name:28} skipped: not UTF-8")
        return
    config = LintConfig()
    contexts_seconds = 0.0
    total = 0.0
    for _ in range(runs):
        # A render consumes its context's HttpGet cache, so each run loads the context files anew.
        start = timeit.default_timer()
        contexts = load_contexts(path)
        contexts_seconds += timeit.default_timer() - start
        start = timeit.default_timer()
        lint_source(source, path=str(path), config=config, contexts=contexts)
        total += timeit.default_timer() - start
    try:
        parse_seconds = timeit.timeit(lambda: parse(source), number=runs) / runs
        parse_text = f"parse {parse_seconds * 1e3:6.2f} ms"
    except AmpscriptSyntaxError:
        parse_text = "parse fails  "
    print(
        f"{path.name:28} lint {total / runs * 1e3:7.2f} ms   {parse_text}   "
        f"load contexts {contexts_seconds / runs * 1e3:6.2f} ms"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.amp")):
            bench_template(path, runs)


if __name__ == "__main__":
    main()
