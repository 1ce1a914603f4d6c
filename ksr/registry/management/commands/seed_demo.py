from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from ksr.accounts.models import User
from ksr.core.demo import seed as build


class Command(BaseCommand):
    help = "Create realistic demo data for two voivodeships (deterministic with --seed; --scale multiplies it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
        parser.add_argument("--scale", type=int, default=1, help="multiply the number of gminas per voivodeship")
        parser.add_argument("--force", action="store_true", help="add demo data even if some exists")

    def handle(self, *args: Any, seed: int, scale: int, force: bool, **options: Any) -> None:
        if scale < 1:
            raise CommandError("--scale must be at least 1")
        if User.objects.filter(username="kierownik").exists() and not force:
            self.stdout.write("Demo data already present; nothing to do (use --force on an empty database).")
            return
        users_before = User.objects.count()
        try:
            # Recorded texts (audit object names) are written in the product's first language.
            with translation.override("pl"):
                result = build(seed=seed, scale=scale)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {result.organisations} organisations, {result.people} people, "
                f"{result.entries} register entries, {User.objects.count() - users_before} users."
            )
        )
        for summary in result.summaries:
            self.stdout.write(f"  {summary}")
