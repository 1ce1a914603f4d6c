"""Load test: concurrent signed-in users against a running KSR, loopback only (locust as a library).

    .venv/bin/python bench/load.py --host http://127.0.0.1:8000 --users 100 --minutes 10 \
        --login kierownik-001:PASSWORD --login ...     # or --accounts-from-db (reads usernames)

Run it against `make serve` (gunicorn) on PostgreSQL with the national data set. The server must
be started with KSR_REQUIRE_2FA=0 (the bench signs in with a password only) — or give accounts of
roles that need no second factor. Two phases in one run, with the same number of users:
  1. the bare view `/healthz` for --bare-seconds: the throughput ceiling of this server here;
  2. the mixed load for --minutes: readers (pages and API lists/details) and writers (consulting
     card entries through the API) in the proportion --write-share.
Prints requests, errors, throughput, p50/p95/p99 per phase and the ratio mixed ÷ bare. Every
request loop is bounded in time; the bench stops by itself and refuses a non-loopback host.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402 — gevent must patch the standard library first
import ipaddress  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import gevent  # noqa: E402
from locust import FastHttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

READ_PAGES = ["/", "/rejestr-organizacji/", "/sieci/", "/uczestnicy/", "/rejestry/", "/uslugi/"]
READ_API = [
    "/api/v1/registry/organisations/?page_size=25",
    "/api/v1/cases/participants/?page_size=25",
    "/api/v1/cases/cases/?page_size=25",
    "/api/v1/networks/networks/?page_size=25",
]


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Bare(FastHttpUser):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.client.get("/healthz", name="/healthz")


class Worker(FastHttpUser):
    """A signed-in KSR user: mostly reads, sometimes writes a consulting card entry."""

    wait_time = constant(0)
    accounts: list[tuple[str, str]] = []
    write_share = 0.1

    def on_start(self) -> None:
        self.username, password = random.choice(self.accounts)  # noqa: S311 — load mix, not security
        page = self.client.get("/konto/logowanie/", name="login form")
        token = CSRF.search(page.text or "")
        with self.client.post(
            "/konto/logowanie/",
            data={
                "username": self.username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": f"{self.host}/konto/logowanie/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused for {self.username}")
        cases = self.client.get("/api/v1/cases/cases/?page_size=20", name="/api/v1/cases/cases/ (setup)")
        try:
            self.case_ids = [row["id"] for row in cases.json().get("results", [])]
        except ValueError:
            self.case_ids = []

    def _csrf_token(self) -> str:
        for cookie in self.client.cookiejar:
            if cookie.name == "csrftoken":
                return str(cookie.value)
        return ""

    @task
    def work(self) -> None:
        if self.case_ids and random.random() < self.write_share:  # noqa: S311
            self.client.post(
                "/api/v1/plans/card-entries/",
                json={
                    "case": random.choice(self.case_ids),  # noqa: S311
                    "part": "detailed",
                    "entered_on": date.today().isoformat(),
                    "actions": "Konsultacja (test obciążeniowy)",
                },
                headers={"X-CSRFToken": self._csrf_token(), "Referer": f"{self.host}/"},
                name="POST card entry",
            )
            return
        if self.case_ids and random.random() < 0.3:  # noqa: S311
            self.client.get(f"/api/v1/cases/cases/{random.choice(self.case_ids)}/", name="case detail (API)")  # noqa: S311
            return
        path = random.choice(READ_PAGES + READ_API)  # noqa: S311
        self.client.get(path, name=path)


def run_phase(user_class: type, host: str, users: int, seconds: float) -> dict[str, float]:
    env = Environment(user_classes=[user_class], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(users / 5, 1))
    gevent.sleep(min(5.0, seconds / 4))  # ramp-up, not measured
    env.stats.reset_all()
    start = time.monotonic()
    gevent.sleep(seconds)
    elapsed = time.monotonic() - start
    total = env.stats.total
    result = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": total.num_requests / elapsed if elapsed else 0.0,
        "p50": total.get_response_time_percentile(0.5) or 0,
        "p95": total.get_response_time_percentile(0.95) or 0,
        "p99": total.get_response_time_percentile(0.99) or 0,
    }
    errors = sorted(env.stats.errors.values(), key=lambda e: -e.occurrences)[:5]
    result["error_samples"] = [f"{e.occurrences}× {e.method} {e.name}: {e.error}" for e in errors]  # type: ignore[assignment]
    runner.quit()
    return result


def accounts_from_db(limit: int) -> list[tuple[str, str]]:
    """Usernames of case managers, managers and analysts, with the demo password."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ksr.settings")
    import django

    django.setup()
    from ksr.accounts.models import Membership
    from ksr.core.demo import DEMO_PASSWORD

    names = list(
        Membership.objects.filter(role__in=["case_manager", "entity_manager", "specialist", "national_analyst"])
        .values_list("user__username", flat=True)
        .distinct()[:limit]
    )
    return [(name, DEMO_PASSWORD) for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--bare-seconds", type=float, default=60.0)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--login", action="append", default=[], help="USER:PASSWORD (repeatable)")
    parser.add_argument("--accounts-from-db", action="store_true", help="Use accounts from DATABASE_URL.")
    args = parser.parse_args()
    if not _loopback(args.host):
        parser.error("the load test only targets this machine (127.0.0.0/8, ::1 or localhost)")
    accounts = [tuple(item.split(":", 1)) for item in args.login]
    if args.accounts_from_db:
        accounts += accounts_from_db(200)
    if not accounts:
        parser.error("give --login USER:PASSWORD or --accounts-from-db")
    Worker.accounts = accounts  # type: ignore[assignment]
    Worker.write_share = args.write_share

    print(f"KSR load test — {args.host}, {args.users} users, {len(accounts)} accounts")
    bare = run_phase(Bare, args.host, args.users, args.bare_seconds)
    mixed = run_phase(Worker, args.host, args.users, args.minutes * 60)
    print(f"{'phase':<10} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for name, row in (("/healthz", bare), ("mixed", mixed)):
        print(
            f"{name:<10} {row['requests']:>9.0f} {row['errors']:>7.0f} {row['rps']:>8.1f} "
            f"{row['p50']:>7.0f} {row['p95']:>7.0f} {row['p99']:>7.0f}"
        )
    ratio = mixed["rps"] / bare["rps"] if bare["rps"] else 0.0
    print(f"mixed throughput ÷ bare view throughput: {ratio:.1%}")
    for sample in mixed["error_samples"]:  # type: ignore[attr-defined]
        print(f"  error: {sample}")


if __name__ == "__main__":
    main()
