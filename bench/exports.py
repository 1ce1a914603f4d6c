"""Peak memory of the exports (issue 11, point 5): CSV and XLSX of 1,000,000 rows.

    .venv/bin/python bench/exports.py [--rows 1000000] [--formats csv,xlsx] [--tracemalloc]

Each format runs in its own process (a process's peak resident size only grows): the process sets
Django up, reads its resident size (the baseline), then writes the export of ``--rows`` generated
rows of six typed columns (text, decimal, integer, float, date, datetime) exactly as a list view
sends it — the CSV's streaming response consumed chunk by chunk, the XLSX written row by row into
its temporary file and then read back as the file response sends it — and prints the peak resident
size over the baseline (``VmHWM`` − baseline ``VmRSS``), the file size and the wall time. With
``--tracemalloc`` it also prints the peak of Python allocations during the export (slower; not
timed). Figures are for reporting, never asserted. Target: at most 50 MiB over the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _status(field: str) -> int:
    """A field of /proc/self/status, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def rows(count: int) -> Iterator[SimpleNamespace]:
    start = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    for i in range(count):
        yield SimpleNamespace(
            name=f"Organizacja {i} — Klub Integracji Społecznej",
            hours=Decimal(i % 400) / 10,
            count=i,
            share=(i % 1000) / 1000,
            day=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
            at=start + dt.timedelta(minutes=i),
        )


def child(fmt: str, count: int, trace: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ksr.settings")
    import django

    django.setup()
    from ksr.core.exports import export_response

    columns = [
        ("Nazwa", lambda r: r.name),
        ("Godziny", lambda r: r.hours),
        ("Liczba", lambda r: r.count),
        ("Udział", lambda r: r.share),
        ("Dzień", lambda r: r.day),
        ("Czas", lambda r: r.at),
    ]
    baseline = _status("VmRSS")
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    response = export_response(fmt, rows(count), columns, "bench")
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    response.close()
    seconds = time.perf_counter() - started
    peak = _status("VmHWM")
    line = (
        f"{fmt:<5} {count:>10,} rows {size / 2**20:9.1f} MiB file {seconds:8.1f} s "
        f"baseline RSS {baseline / 1024:7.1f} MiB  peak over baseline {(peak - baseline) / 1024:7.1f} MiB"
    )
    if trace:
        _current, traced = tracemalloc.get_traced_memory()
        line += f"  tracemalloc peak {traced / 2**20:7.1f} MiB"
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rows, args.tracemalloc)
        return
    for fmt in args.formats.split(","):
        command = [sys.executable, __file__, "--child", fmt, "--rows", str(args.rows)]
        if args.tracemalloc:
            command.append("--tracemalloc")
        subprocess.run(command, check=True, cwd=ROOT)  # noqa: S603 — this script, with its own arguments


if __name__ == "__main__":
    main()
