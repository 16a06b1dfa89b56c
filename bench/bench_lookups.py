"""Time data extension lookups and date functions per render: python bench/bench_lookups.py [ROWS] [RUNS].

It writes a CSV data extension of ROWS rows (default 10,000) to a
temporary folder, then times one render of a Lookup, a LookupRows loop, a
LookupOrderedRows and a date-formatting template: first with a new
context per render (the CSV file is read every time), then reusing one
context (the file is read once and cached). Numbers come from one run on
one machine, so compare them with each other, not with another run.
"""

from __future__ import annotations

import sys
import tempfile
import timeit
from pathlib import Path

import ampsms
from ampsms.context import make_context

TEMPLATES = {
    "Lookup": '%%=Lookup("Customers", "Name", "Mobile", MOBILE_NUMBER)=%%',
    "LookupRows loop": (
        '%%[ SET @r = LookupRows("Customers", "City", "Oslo") '
        'FOR @i = 1 TO RowCount(@r) DO Output(Field(Row(@r, @i), "Name")) NEXT @i ]%%'
    ),
    "LookupOrderedRows": '%%=RowCount(LookupOrderedRows("Customers", 5, "Points DESC", "City", "Bergen"))=%%',
    "dates": '%%=FormatDate(DateAdd(Now(), 3, "D"), "ddddd d MMMM", "h:mm tt")=%% %%=DateDiff(Now(), "2030-01-01", "D")=%%',
}


def write_customers(folder: Path, rows: int) -> None:
    cities = ["Oslo", "Bergen", "Trondheim", "Stavanger"]
    lines = ["Mobile,Name,City,Points"]
    for index in range(rows):
        lines.append(f"47{index:08d},Customer {index},{cities[index % len(cities)]},{index * 7 % 1000}")
    (folder / "Customers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    with tempfile.TemporaryDirectory() as folder:
        write_customers(Path(folder), rows)
        parts = {"data_extensions": folder, "mobile_number": f"47{rows // 2:08d}", "now": "2026-03-04T09:00:00"}
        print(f"{rows} rows, {runs} renders each")
        for label, source in TEMPLATES.items():
            template = ampsms.compile(source)
            context = make_context(**parts)
            template.render(context=context)
            cached = timeit.timeit(lambda: template.render(context=context), number=runs) / runs
            fresh = timeit.timeit(lambda: template.render(**parts), number=max(1, runs // 10)) / max(1, runs // 10)
            print(f"{label:20} cached context {cached * 1e3:8.3f} ms   new context {fresh * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
