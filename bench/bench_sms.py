"""Time ampsms.sms.analyze on typical replies: python bench/bench_sms.py."""

from __future__ import annotations

import timeit

from ampsms.sms import analyze

SAMPLES = {
    "ascii 74 chars": "example.com Stock is: Crm Salesforce Inc 212.40 Thanks for Responding!",
    "ascii 400 chars": "Reply YES to confirm. " * 18,
    "ascii with {} 200 chars": "{code} [ok] " * 16,
    "latin-1 GSM 120 chars": "Café crème à Zürich, Ñandú. " * 4,
    "curly quotes 100 chars": "“Hello” it’s time… " * 5,
    "emoji 300 units": "Deal 😀 today " * 22,
}

RUNS = 20_000

print("analyze(text): the numbers only")
for label, text in SAMPLES.items():
    seconds = timeit.timeit(lambda: analyze(text), number=RUNS)
    print(f"  {label:28} {len(text):4} chars  {seconds / RUNS * 1e6:7.2f} µs per call")

print("analyze(text) then parts, non_gsm and extension_chars")
for label, text in SAMPLES.items():

    def analyze_all(text: str = text) -> None:
        info = analyze(text)
        info.parts, info.non_gsm, info.extension_chars

    seconds = timeit.timeit(analyze_all, number=RUNS)
    print(f"  {label:28} {len(text):4} chars  {seconds / RUNS * 1e6:7.2f} µs per call")
