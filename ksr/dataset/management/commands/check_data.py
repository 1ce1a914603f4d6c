"""Validate a random sample of every model through full_clean and the services' invariants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ksr.dataset.checks import check_data


class Command(BaseCommand):
    help = "Check K random rows of every model through full_clean and the services' invariants (read-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sample", type=int, default=100, help="Rows per model (K).")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random sample.")
        parser.add_argument("--only", nargs="*", default=[], help="Check only these models (app_label.Model).")
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="The day rules are checked at.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        failures = check_data(
            options["sample"], seed=options["seed"], today=today, out=self.stdout.write, only=options["only"]
        )
        if failures:
            raise CommandError(f"{failures} row(s) break the product's rules.")
        self.stdout.write("All sampled rows obey the product's rules.")
