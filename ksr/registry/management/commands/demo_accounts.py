from typing import Any

from django.core.management.base import BaseCommand

from ksr.accounts.models import Membership
from ksr.core.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts, their roles and organisations."

    def handle(self, *args: Any, **options: Any) -> None:
        memberships = Membership.objects.select_related("user", "organisation").order_by("role", "user__username")
        if not memberships:
            self.stdout.write("No accounts yet: run manage.py seed_demo.")
            return
        self.stdout.write("")
        self.stdout.write(f"KSR demo — http://127.0.0.1:8000  (password for every account: {DEMO_PASSWORD})")
        self.stdout.write(f"{'login':<14} {'role':<36} organisation")
        for m in memberships:
            self.stdout.write(f"{m.user.username:<14} {m.get_role_display()!s:<36} {m.organisation.name}")
        self.stdout.write("Public register (no login): http://127.0.0.1:8000/rejestry/   Admin: /admin/ (login admin)")
        self.stdout.write("")
