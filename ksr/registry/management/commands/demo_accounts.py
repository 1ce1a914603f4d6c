from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ksr.accounts.models import Membership
from ksr.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts, their roles and organisations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="the address the server answers on (make run passes it)"
        )

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        memberships = list(
            Membership.objects.filter(user__is_active=True)
            .select_related("user", "organisation")
            .order_by("role", "user__username")
        )
        if not memberships:
            self.stdout.write("No accounts yet: run manage.py seed_demo.")
            return
        url = url.rstrip("/")
        roles = [str(m.get_role_display()) for m in memberships]
        login_width = max(len("login"), *(len(m.user.username) for m in memberships)) + 2
        role_width = max(len("role"), *(len(role) for role in roles)) + 2
        self.stdout.write("")
        self.stdout.write(f"KSR demo — {url}/  (password for every account: {DEMO_PASSWORD})")
        self.stdout.write(f"{'login':<{login_width}}{'role':<{role_width}}organisation")
        for m, role in zip(memberships, roles, strict=True):
            self.stdout.write(f"{m.user.username:<{login_width}}{role:<{role_width}}{m.organisation.name}")
        self.stdout.write(f"Public register (no login): {url}/rejestry/   Admin: {url}/admin/ (login admin)")
        self.stdout.write("")
