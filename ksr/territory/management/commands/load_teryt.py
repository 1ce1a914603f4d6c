"""``manage.py load_teryt FILE``: load or update the GUS TERYT TERC register (CSV or XML)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ksr.territory.services import load_teryt


class Command(BaseCommand):
    help = "Load the GUS TERYT TERC register (CSV or XML, as published by GUS); updates in place."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="TERC file, e.g. data/teryt/TERC_Urzedowy_2022-01-01.csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change (the codes too) and write nothing."
        )
        parser.add_argument(
            "--allow-mass-retire",
            action="store_true",
            help="Load even when the file would retire more than 5%% of the units in force.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_teryt(
                options["file"], allow_mass_retire=options["allow_mass_retire"], dry_run=options["dry_run"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.dry_run:
            self.stdout.write(f"DRY RUN, nothing written: {report.summary()}")
            for label, codes in (
                ("create", report.created_codes),
                ("update", report.updated_codes),
                ("retire", report.retired_codes),
            ):
                for code in codes:
                    self.stdout.write(f"  would {label} {code}")
            return
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for level, count in sorted(report.by_level.items()):
            self.stdout.write(f"  {level}: {count}")
