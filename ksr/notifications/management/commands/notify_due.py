"""Write the day's reminders (consents expiring, follow-ups, IPD and contract reviews due, overdue forums)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ksr.notifications.scanners import run_scanners


class Command(BaseCommand):
    help = "Write the scheduled reminders of every app to the inboxes (and e-mails) of the people concerned."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, help="the day to scan for (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        written = run_scanners(options["date"] or timezone.localdate())
        self.stdout.write(f"{written} notification(s) written")
