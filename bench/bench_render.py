"""Time compiling and rendering the samples: python bench/bench_render.py [RUNS].

For each sample it reports the time to parse and check the template once,
the time per render of the compiled template, and how many renders fit in
the time of one compile. All numbers come from one run on one machine, so
compare them with each other, not with another run.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

import ampsms
from ampsms.context import load_context_file, make_context

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def bench_sample(template_path: Path, runs: int) -> None:
    source = template_path.read_text(encoding="utf-8")
    context_path = template_path.with_suffix(".json")
    parts = load_context_file(context_path) if context_path.exists() else {}

    try:
        template = ampsms.compile(source, name=template_path.name)
        context = make_context(**parts)
        template.render(context=context)
    except ampsms.AmpscriptError as error:
        print(f"{template_path.name:28} skipped: {error.message}")
        return

    compile_runs = max(1, runs // 20)
    compile_seconds = timeit.timeit(lambda: ampsms.compile(source), number=compile_runs) / compile_runs
    render_seconds = timeit.timeit(lambda: template.render(context=context), number=runs) / runs
    fresh_context_seconds = timeit.timeit(lambda: template.render(**parts), number=runs) / runs
    print(
        f"{template_path.name:28} compile {compile_seconds * 1e3:7.2f} ms   "
        f"render {render_seconds * 1e6:7.1f} µs   "
        f"render with a new context {fresh_context_seconds * 1e6:7.1f} µs   "
        f"renders per compile {compile_seconds / render_seconds:6.0f}"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    for template_path in sorted(SAMPLES.glob("*.amp")):
        bench_sample(template_path, runs)


if __name__ == "__main__":
    main()
