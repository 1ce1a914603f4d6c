"""Generate the deterministic national data set in bulk (issue 11, point 1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ksr.dataset.base import DEFAULT_TODAY
from ksr.dataset.generate import generate, has_domain_data, wipe


class Command(BaseCommand):
    help = "Generate the national data set (16 voivodeships, ~450 KIS/CIS, 200,000 participants…) in bulk."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data.")
        parser.add_argument("--scale", type=float, default=1.0, help="Fraction of the national volume (e.g. 0.002).")
        parser.add_argument("--yes", action="store_true", help="Wipe the existing domain data first.")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help=f"The last day of the generated history (default {DEFAULT_TODAY}, fixed so that the data set "
            "does not depend on the clock; today if the clock is earlier).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["scale"] <= 1:
            raise CommandError("--scale must be greater than 0 and at most 1.")
        options["today"] = options["today"] or min(DEFAULT_TODAY, timezone.localdate())
        if options["today"] > timezone.localdate():
            raise CommandError("--today cannot be in the future.")
        if has_domain_data():
            if not options["yes"]:
                raise CommandError("The database already holds domain data; add --yes to wipe it first.")
            wipe()
            self.stdout.write("Wiped the existing domain data.")
        self.stdout.write(f"seed {options['seed']}, scale {options['scale']}, history up to {options['today']}")
        run = generate(seed=options["seed"], scale=options["scale"], today=options["today"], out=self.stdout.write)
        self.stdout.write("rows per model:")
        for label, count in sorted(run.writer.counts().items()):
            self.stdout.write(f"  {label:<45} {count:>12,}")
