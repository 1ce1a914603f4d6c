"""Measure the foundation's heavy paths on a fresh SQLite database (or DATABASE_URL).

    .venv/bin/python bench/foundation.py [--scale 5] [--repeat 5]

Prints wall-clock figures (median of --repeat runs) and peak memory for: loading the TERYT
register, seeding demo data at --scale, the organisation list page, its CSV/XLSX export, the
public national register page and its JSON. Figures are for reporting, never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    tracemalloc.start()
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="ksr-bench-")
    os.environ.setdefault("KSR_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ksr.settings")
    os.environ["KSR_REQUIRE_2FA"] = "0"
    os.environ["KSR_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from ksr.accounts.models import User
    from ksr.registry.models import Organisation

    call_command("migrate", verbosity=0)
    teryt = ROOT / "data/teryt/TERC_Urzedowy_2022-01-01.csv"
    t, mem = timed(lambda: call_command("load_teryt", str(teryt), stdout=io.StringIO()), 1)
    print(f"load_teryt (first load, 4,234 units): {t:.2f} s, peak {mem:.0f} MiB")
    t, mem = timed(lambda: call_command("load_teryt", str(teryt), stdout=io.StringIO()), 1)
    print(f"load_teryt (same edition again, no changes): {t:.2f} s, peak {mem:.0f} MiB")
    start = time.perf_counter()  # not traced: tracemalloc would slow the whole demo build several-fold
    call_command("seed_demo", seed=1, scale=args.scale, stdout=io.StringIO())
    t = time.perf_counter() - start
    print(f"seed_demo --scale {args.scale} (every app's demo): {t:.2f} s, {Organisation.objects.count()} organisations")

    client = Client()
    client.force_login(User.objects.get(username="admin"))
    for label, url in [
        ("organisation list, page 1", "/rejestr-organizacji/"),
        ("organisation list filtered (type C, mazowieckie)", "/rejestr-organizacji/?stakeholder_type=C&voivodeship=14"),
        ("organisation export CSV (all)", "/rejestr-organizacji/?format=csv"),
        ("organisation export XLSX (all)", "/rejestr-organizacji/?format=xlsx"),
        ("public register, national page with map", "/rejestry/"),
        ("public register JSON", "/rejestry/?format=json"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        t, mem = timed(lambda url=url: client.get(url), args.repeat)
        print(f"{label}: {t * 1000:.0f} ms median of {args.repeat}, peak {mem:.1f} MiB")


if __name__ == "__main__":
    main()
