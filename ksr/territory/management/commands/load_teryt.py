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

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = load_teryt(options["file"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
        for level, count in sorted(report.by_level.items()):
            self.stdout.write(f"  {level}: {count}")
