"""Send the daily digest e-mail to users who chose it for some kind of notification."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ksr.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail each user who chose the daily digest the notifications not yet e-mailed to them."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_digests()} digest(s) queued")
