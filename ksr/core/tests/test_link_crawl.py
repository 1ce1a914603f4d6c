"""Every demo account signs in, and every link a role is shown works for that role.

The whole demo (``seed_demo``) is built once for the module and rolled back afterwards. For each
distinct role among the accounts ``demo_accounts`` prints, one account starts at the home page and
follows every same-site link it is shown (GET only, bounded depth, a few pages per URL pattern); a
403, 404 or 500 behind a link the product itself showed fails the test, naming the role, the page
and the link.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.cases.models import Participant
from ksr.core.demo import DEMO_PASSWORD
from ksr.registers.choices import EntryStatus
from ksr.registers.forms import NotificationForm
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import OrganisationKind
from ksr.testing import forget_rolled_back_rows, restore_reference_data, verify_second_factor

TERC_PATH = settings.BASE_DIR / "data/teryt/TERC_Urzedowy_2022-01-01.csv"
MAX_DEPTH = 3  # the home page and three links away (a participant's tabs are three clicks from home)
MAX_PER_PATTERN = 1  # pages visited per URL pattern (and per query-string shape) for one role
MAX_PAGES = 250  # pages visited per role at most
REFUSED = {403, 404, 500}

# Links that are not pages to read: they sign out, switch the language, download a file or hand
# over to another application (the admin site, the API's own browsable pages).
SKIPPED_PATHS = ("/static/", "/media/", "/i18n/", "/admin/", "/api/")
SKIPPED_NAMES = {"logout", "set_language"}
SKIPPED_QUERY = re.compile(r"(^|&)(format|export|download)=")


@dataclass(frozen=True)
class Account:
    username: str
    role: str


@dataclass(frozen=True)
class Demo:
    accounts: list[Account]  # as ``demo_accounts`` prints them
    report: str  # what ``seed_demo`` printed


def printed_accounts() -> list[Account]:
    """The accounts ``demo_accounts`` prints, each with the role it is printed with (one line each)."""
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    usernames = [m.group(1) for m in re.finditer(r"^(\S+)\s{2,}", out.getvalue(), re.MULTILINE)]
    usernames = [name for name in usernames if name != "login"]  # the header line
    roles = dict(
        Membership.objects.filter(user__username__in=usernames)
        .order_by("user__username", "role")
        .values_list("user__username", "role")
    )
    return [Account(username, roles[username]) for username in dict.fromkeys(usernames)]


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Demo]:
    """The full demo, built once for the module (as ``make demo`` does) and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_reference_data()
        call_command("load_teryt", str(TERC_PATH), stdout=io.StringIO())
        out = io.StringIO()
        call_command("seed_demo", seed=1, stdout=out)
        yield Demo(printed_accounts(), out.getvalue())
        transaction.set_rollback(True)
    forget_rolled_back_rows()


@pytest.fixture(autouse=True)
def _polish():
    with translation.override("pl"):
        yield


def test_every_printed_account_signs_in_with_the_printed_password(demo: Demo, db: Any) -> None:
    assert len(demo.accounts) >= 11
    failed = []
    for account in demo.accounts:
        client = Client()
        response = client.post(reverse("accounts:login"), {"username": account.username, "password": DEMO_PASSWORD})
        if response.status_code != 302 or client.session.get("_auth_user_id") is None:
            failed.append(account.username)
    assert not failed, f"demo accounts that do not sign in with {DEMO_PASSWORD}: {failed}"


def test_seed_demo_reports_the_users_it_made(demo: Demo, db: Any) -> None:
    made = re.search(r"(\d+) users", demo.report)
    assert made and int(made.group(1)) == User.objects.count(), demo.report
    usernames = {account.username for account in demo.accounts}
    assert User.objects.filter(username__in=usernames).count() == len(usernames)
    assert not User.objects.filter(is_active=True).exclude(username__in=usernames).exists(), (
        "every active demo user is printed by demo_accounts"
    )


def test_the_demo_has_every_role_with_work_in_progress(demo: Demo, db: Any) -> None:
    assert {account.role for account in demo.accounts} == set(Role.values)
    printed = {account.username for account in demo.accounts}
    osar = Membership.objects.filter(organisation__kind=OrganisationKind.ANIMATION_CENTRE, user__username__in=printed)
    assert osar.exists(), "an OSAR member among the demo accounts"
    cis_with_people = Participant.objects.filter(organisation__kind=OrganisationKind.CIS).values("organisation")
    managers = Membership.objects.filter(
        organisation__in=cis_with_people, role=Role.ENTITY_MANAGER, user__username__in=printed
    )
    assert managers.exists(), "a CIS with participants whose manager can sign in"
    for officer in Membership.objects.filter(role=Role.REGISTER_OFFICER, user__username__in=printed):
        waiting = RegisterEntry.objects.editable_by(officer.user).filter(status=EntryStatus.NOTIFIED)
        assert waiting.exists(), f"{officer.user.username} has notifications to handle"
        offered = NotificationForm(user=officer.user).fields["organisation"].queryset  # type: ignore[attr-defined]
        assert offered.exists(), f"{officer.user.username} is offered clubs to notify"


ANCHOR = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\shref="([^"]*)"', re.IGNORECASE)


def _hrefs(html: str) -> list[str]:
    """The targets of the page's links (``<a href>``), leaving out file downloads (``download``)."""
    links = []
    for tag in ANCHOR.findall(html):
        href = HREF.search(tag)
        if href and not re.search(r"\sdownload[\s=>]", tag):
            links.append(unescape(href.group(1)))
    return links


def _same_site_pages(html: str) -> list[str]:
    pages = []
    for href in _hrefs(html):
        url, _fragment = urldefrag(href.strip())
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue  # another site, mailto:, tel:, a relative or fragment-only link
        if parts.path.startswith(SKIPPED_PATHS) or SKIPPED_QUERY.search(parts.query):
            continue
        pages.append(url)
    return pages


def _pattern(url: str) -> str | None:
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return parts.path  # an unknown path is still visited (and fails with its 404)
    if match.url_name in SKIPPED_NAMES or (match.url_name or "").endswith(("export", "download")):
        return None
    query_keys = ",".join(sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair}))
    return f"{match.route}?{query_keys}"


def crawl(client: Client) -> tuple[int, list[str]]:
    """Follow the links from the home page; return the pages visited and the refusals met."""
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}
    refusals: list[str] = []
    queue: list[tuple[str, str, int]] = [("/", "(start)", 0)]
    visited = 0
    while queue and visited < MAX_PAGES:
        url, source, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        visited += 1
        try:
            response = client.get(url, follow=True)
            status = response.status_code
        except Exception as exc:
            refusals.append(f"{url} (linked from {source}): 500 {exc!r}")
            continue
        if status in REFUSED:
            refusals.append(f"{url} (linked from {source}): {status}")
            continue
        if depth >= MAX_DEPTH or "text/html" not in response.get("Content-Type", ""):
            continue
        page = response.redirect_chain[-1][0] if response.redirect_chain else url
        for link in _same_site_pages(response.content.decode()):
            if link in seen:
                continue
            pattern = _pattern(link)
            if pattern is None or per_pattern.get(pattern, 0) >= MAX_PER_PATTERN:
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            queue.append((link, page, depth + 1))
    return visited, refusals


def test_every_link_a_role_is_shown_works_for_that_role(demo: Demo, db: Any) -> None:
    one_per_role = {account.role: account for account in reversed(demo.accounts)}
    report = []
    for role, account in sorted(one_per_role.items()):
        client = Client()
        verify_second_factor(client, User.objects.get(username=account.username))
        visited, refusals = crawl(client)
        assert visited > 5, f"{role} ({account.username}) saw almost no pages"
        report += [f"{role} ({account.username}): {refusal}" for refusal in refusals]
    assert not report, "links that refuse the role they are shown to:\n" + "\n".join(report)
