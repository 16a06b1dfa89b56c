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

for label, text in SAMPLES.items():
    runs = 20_000
    seconds = timeit.timeit(lambda: analyze(text), number=runs)
    print(f"{label:28} {len(text):4} chars  {seconds / runs * 1e6:7.2f} µs per call")
