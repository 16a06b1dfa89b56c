"""Time ampsms fuzz and ampsms test on the samples: python bench/bench_fuzz.py [EXAMPLES].

For each sample template the fuzzer tries EXAMPLES contexts (default 200)
with seed 1, then shrinks each kind of problem it found. The report
shows the whole run's time, the contexts drawn and rendered per second
in the first pass, and how many kinds were shrunk. The last line times
running every sample's test file. The numbers come from one run on one
machine, so compare them with each other, not with another run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import ampsms
from ampsms import fuzz
from ampsms.context import load_context_file
from ampsms.testing import find_test_files, load_test_file, run_test_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main() -> None:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"{'template':28} {'total s':>8} {'pass 1 ctx/s':>13} {'kinds':>6}")
    for template_path in sorted(SAMPLES.glob("*.amp")):
        template = ampsms.compile(template_path.read_text(encoding="utf-8"), name=template_path.name)
        context_path = template_path.with_suffix(".json")
        base = load_context_file(context_path) if context_path.exists() else {}
        inputs = fuzz.find_inputs(template.document)
        strategy = fuzz.context_strategy(inputs, base)

        def check(parts, template=template, inputs=inputs):
            return fuzz.check_reply(
                template, parts, max_segments=fuzz.DEFAULT_MAX_SEGMENTS, static_text_is_gsm=inputs.static_text_is_gsm
            )

        started = time.perf_counter()
        *_, tried = fuzz._explore(strategy, check, examples, 1)
        first_pass = time.perf_counter() - started

        started = time.perf_counter()
        report = fuzz.fuzz_template(template, base=base, examples=examples, seed=1)
        total = time.perf_counter() - started
        print(f"{template_path.name:28} {total:8.2f} {tried / first_pass:13.0f} {len(report.findings):6}")

    started = time.perf_counter()
    cases = 0
    for path in find_test_files([SAMPLES]):
        cases += len(run_test_file(load_test_file(path)))
    elapsed = time.perf_counter() - started
    print(f"ampsms test samples: {cases} cases in {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
