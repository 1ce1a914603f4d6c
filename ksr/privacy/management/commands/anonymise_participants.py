"""Anonymise participants whose last case ended more than ``KSR_RETENTION_DAYS`` ago."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ksr.privacy.services import do_anonymise_due_participants, retention_days


class Command(BaseCommand):
    help = "Anonymise participants past the retention period (KSR_RETENTION_DAYS); --dry-run only counts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count the participants due, change nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        result = do_anonymise_due_participants(actor=None, dry_run=dry_run)
        for holder, count in sorted(result.per_holder.items()):
            self.stdout.write(f"  {holder}: {count}")
        if dry_run:
            self.stdout.write(
                f"Dry run: {result.due} participant(s) due for anonymisation (retention {retention_days()} days)."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Anonymised {result.anonymised} of {result.due} participant(s) due."))
