"""What the cases app tells people (``ksr.notifications``): referrals received and decided, and the
daily reminders of what falls due for a case (follow-ups, and what other apps register as due
items: consents ending, IPDs, contract reviews — ``ksr.cases.workspace``).

Notifications name a case by its reference and a referral by the sender's reference or its
number, never the person's name (they may be e-mailed); the link leads to the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership
from ksr.cases.choices import CaseStatus, ReferralSource, ReferralStatus, RefusalReason
from ksr.cases.models import Case, Referral
from ksr.cases.querysets import case_manager_candidates
from ksr.cases.workspace import due_items
from ksr.core.types import AnyUser
from ksr.notifications.choices import NotificationKind
from ksr.notifications.services import Notice, case_reference, notify

# Reminders are written this many days ahead of the date (a consent "expiring within 14 days").
REMINDER_DAYS = 14

# Due items of the workspace that become notifications, by the item's kind.
DUE_KINDS = {
    "follow_up": NotificationKind.FOLLOW_UP_DUE,
    "consent_expiry": NotificationKind.CONSENT_EXPIRING,
    "ipd_due": NotificationKind.IPD_DUE,
    "contract_review": NotificationKind.CONTRACT_REVIEW_DUE,
}
DUE_TITLES = {
    NotificationKind.FOLLOW_UP_DUE: _("Follow-up due on %(date)s: %(case)s"),
    NotificationKind.CONSENT_EXPIRING: _("A consent ends on %(date)s: %(case)s"),
    NotificationKind.IPD_DUE: _("Individual action plan due on %(date)s: %(case)s"),
    NotificationKind.CONTRACT_REVIEW_DUE: _("Contract review due on %(date)s: %(case)s"),
}


def _numbered(number: int) -> str:
    return str(_("no. %(number)s")) % {"number": number}


def _referral_reference(referral: Referral) -> Any:
    """The sender's own reference, or the number (lazy: rendered in each recipient's language)."""
    return referral.sender_reference or lazy(_numbered, str)(referral.pk)


def _others(users: Iterable[Any], actor: AnyUser) -> list[Any]:
    return [u for u in users if u is not None and u.pk != getattr(actor, "pk", None)]


def referral_received(referral: Referral, *, actor: AnyUser) -> None:
    """Tell the receiving club's manager and case managers (not the one who registered it)."""
    # Labels stay lazy: each recipient reads them in their own language.
    sender = (
        referral.sender_organisation.name if referral.sender_organisation else ReferralSource(referral.source).label
    )
    notify(
        _others(case_manager_candidates(referral.organisation_id), actor),
        NotificationKind.REFERRAL_RECEIVED,
        title=_("New referral from %(sender)s"),
        body=_("Referral no. %(number)s, sent on %(date)s, waits for the qualification."),
        params={"sender": sender, "number": referral.pk, "date": referral.sent_on.isoformat()},
        link=reverse("cases:referral_detail", kwargs={"pk": referral.pk}),
        organisation=referral.organisation,
    )


def referral_decided(referral: Referral, *, actor: AnyUser) -> None:
    """Tell the sender (the user who sent it) that the club accepted or refused the referral."""
    accepted = referral.status == ReferralStatus.ACCEPTED
    notify(
        _others([referral.sent_by], actor),
        NotificationKind.REFERRAL_DECIDED,
        title=_("Your referral %(reference)s was accepted")
        if accepted
        else _("Your referral %(reference)s was refused"),
        body=_("%(club)s decided on %(date)s.") if accepted else _("%(club)s decided on %(date)s. Reason: %(reason)s"),
        params={
            "reference": _referral_reference(referral),
            "club": referral.organisation.name,
            "date": referral.decided_on.isoformat() if referral.decided_on else "",
            "reason": RefusalReason(referral.refusal_reason).label if referral.refusal_reason else "",
        },
        link=reverse("cases:my_referrals"),
        organisation=referral.sender_organisation,
    )


def due_notices(today: dt.date) -> list[Notice]:
    """Reminders of what falls due within ``REMINDER_DAYS`` (follow-ups: overdue too), to the case
    manager of the case (without one: the club's managers). Registered in ``apps.py``."""
    cases = Case.objects.exclude(status=CaseStatus.REFUSED).filter(
        Q(exited_on__isnull=True) | Q(follow_up__isnull=False, follow_up__done_on__isnull=True)
    )
    items = [
        item for item in due_items(cases, today, today + dt.timedelta(days=REMINDER_DAYS)) if item.kind in DUE_KINDS
    ]
    by_case = {c.pk: c for c in Case.objects.filter(pk__in={i.case_id for i in items}).select_related("organisation")}
    managers: dict[int, list[Any]] = {}
    for membership in (
        Membership.objects.active()
        .filter(organisation_id__in={c.organisation_id for c in by_case.values()}, role=Role.ENTITY_MANAGER)
        .select_related("user")
    ):
        managers.setdefault(membership.organisation_id, []).append(membership.user)
    notices = []
    for item in items:
        case = by_case.get(item.case_id or 0)
        if case is None:  # every reminder kind belongs to a case
            continue
        kind = DUE_KINDS[item.kind]
        notices.append(
            Notice(
                recipients=tuple(
                    [case.case_manager] if case.case_manager_id else managers.get(case.organisation_id, [])
                ),
                kind=kind,
                title=DUE_TITLES[kind],
                params={"date": item.date.isoformat(), "case": case_reference(case.pk)},
                link=item.url,
                organisation=case.organisation,
                dedupe_key=f"{item.kind}:{item.case_id}:{item.date.isoformat()}",
            )
        )
    return notices
