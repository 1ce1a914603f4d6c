"""Send a job through the broker to a running worker and wait for its answer (CI and deployment checks)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ksr.core.tasks import selfcheck


class Command(BaseCommand):
    help = "Run one job through Redis and a Celery worker; fails when no worker answers in time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timeout", type=float, default=60.0, help="Seconds to wait for the worker.")

    def handle(self, *args: Any, timeout: float = 60.0, **options: Any) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError("REDIS_URL is not set: tasks run in the process, there is no worker to check.")
        token = secrets.token_hex(8)
        result = selfcheck.delay(token).get(timeout=timeout)
        if result.get("token") != token or not result.get("ok"):
            raise CommandError(f"The worker answered something else: {result!r}")
        self.stdout.write(self.style.SUCCESS(f"Worker answered through the broker (database: {result['database']})."))
