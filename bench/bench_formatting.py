"""Time formatting, regex, encoding and content functions per render: python bench/bench_formatting.py [RUNS].

Each template is compiled once and rendered RUNS times (default 20,000)
with one context. The first render of a RegExMatch pattern or of a
TreatAsContent text compiles it, and later renders reuse the cached
result. These numbers measure the later renders. They come from one run on one
machine, so compare them with each other, not with another run.
"""

from __future__ import annotations

import sys
import timeit

import ampsms
from ampsms.context import make_context

TEMPLATES = {
    "plain Concat (baseline)": '%%=Concat("Total: ", "1234.5")=%%',
    "FormatNumber N2": '%%=FormatNumber(1234.5678, "N2")=%%',
    "FormatNumber custom": '%%=FormatNumber(-1234.5678, "#,##0.00;(#,##0.00)")=%%',
    "FormatCurrency de-DE": '%%=FormatCurrency(1234.555, "de-DE")=%%',
    "Format date D fr-FR": '%%=Format("2024-07-04 18:05:09", "D", "Date", "fr-FR")=%%',
    "RegExMatch named group": '%%=RegExMatch("Order #A-1042 shipped", "#(?<id>[A-Z]-\\d+)", "id")=%%',
    "URLEncode with AMPscript": (
        '%%[ SET @u = "https://x.io/?n=%%=v(@n)=%%&q=a b" SET @n = "Ana" ]%%%%=URLEncode(@u, 1)=%%'
    ),
    "TreatAsContent": '%%[ SET @c = "Hi %%=v(@n)=%%" SET @n = "Ana" ]%%%%=TreatAsContent(@c)=%%',
    "SHA256 + Base64Encode": '%%=Base64Encode(SHA256("15555551212"))=%%',
    "GetJWT HS256": "%%=GetJWT(\"secret\", \"HS256\", '{\"sub\":\"15555551212\"}')=%%",
}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    context = make_context(mobile_number="15555551212", seed=1)
    for label, source in TEMPLATES.items():
        template = ampsms.compile(source)
        template.render(context=context)
        seconds = timeit.timeit(lambda: template.render(context=context), number=runs)
        print(f"{label:28} {seconds / runs * 1e6:8.2f} µs per render")


if __name__ == "__main__":
    main()
