"""Demo consents: the Warsaw demo KIS (where ``casemanager`` works) shares participants with the library.

Two participants get live consents for the library of the partner user ``partner`` (both
consents recorded), one only the participant's consent (awaiting the helper), one a consent
that was withdrawn. Everything goes through the services, so it is all in the audit trail.
Runs after the cases, plans and catalogue demos and uses their participants.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.cases.choices import CLOSED_CASE_STATUSES
from ksr.cases.models import Case
from ksr.core.types import AnyUser
from ksr.privacy.choices import ConsentForm
from ksr.privacy.models import Consent
from ksr.privacy.services import (
    do_record_helper_consent,
    do_record_participant_consent,
    do_withdraw_consent,
)

SERVICES = ("Klub dyskusyjny książki", "Warsztaty kompetencji cyfrowych", "Spotkania autorskie", "Kurs obsługi e-usług")


def _organisation_of(username: str, role: str) -> Any:
    membership = Membership.objects.filter(user__username=username, role=role).select_related("organisation").first()
    return membership.organisation if membership else None


def seed_demo(*, rng: random.Random, actor: AnyUser, scale: int) -> str:
    kis = _organisation_of("casemanager", Role.CASE_MANAGER)
    library = _organisation_of("partner", Role.PARTNER_REPRESENTATIVE)
    if kis is None or library is None:
        return "privacy: no demo KIS or library partner (run the foundation demo first); nothing created"
    if Consent.objects.filter(participant__organisation=kis, partner=library).exists():
        return "privacy: demo consents already present; nothing created"
    staff = User.objects.get(username="casemanager")
    open_cases = list(
        Case.objects.filter(organisation=kis, participant__anonymised_at__isnull=True)
        .exclude(status__in=CLOSED_CASE_STATUSES)
        .select_related("participant", "responsible_helper")
        .order_by("pk")
    )
    # One case per participant; those with a responsible helper can get both consents.
    by_participant: dict[int, Case] = {}
    for c in open_cases:
        by_participant.setdefault(c.participant_id, c)
    open_cases = list(by_participant.values())
    with_helper = [c for c in open_cases if c.responsible_helper_id]
    if len(with_helper) < 3:
        return (
            f"privacy: the demo KIS has {len(with_helper)} open case(s) with a responsible helper "
            "(3 needed); no consents"
        )
    helped = rng.sample(with_helper, 3)
    others = [c for c in open_cases if c not in helped]
    # Four participants when the KIS has them; otherwise the withdrawn consent (an earlier one,
    # for another service) belongs to the participant whose new consent awaits the helper.
    plan = [(helped[0], "live"), (helped[1], "live"), (helped[2], "withdrawn")]
    plan.append((rng.choice(others), "awaiting") if others else (helped[2], "awaiting"))
    today = timezone.localdate()
    services = rng.sample(SERVICES, len(SERVICES))
    for index, (case, kind) in enumerate(plan):
        consented = today - dt.timedelta(days=rng.randint(3, 40))
        written = rng.random() < 0.6
        consent = do_record_participant_consent(
            case,
            {
                "partner": library,
                "service": services[index],
                "participant_consent_on": consented,
                "participant_consent_form": ConsentForm.WRITTEN if written else ConsentForm.ELECTRONIC,
                "participant_consent_document": f"KIS/Z/{today.year}/{rng.randint(10, 99)}"
                if written
                else f"e-zgoda {rng.randint(1000, 9999)}",
                "valid_from": consented,
                "valid_until": today + dt.timedelta(days=rng.choice([20, 90, 180, 365])),
            },
            actor=staff,
        )
        if kind == "awaiting":
            continue
        helper = case.responsible_helper
        if helper is None:  # only cases with a helper are ever planned past "awaiting"
            continue
        do_record_helper_consent(consent, actor=helper, given_on=consented)
        if kind == "withdrawn":
            do_withdraw_consent(consent, "Na prośbę uczestnika (rozmowa z opiekunem).", actor=staff)
    made = [kind for _case, kind in plan]
    participants = len({case.participant_id for case, _kind in plan})
    return f"privacy: 4 consents of {participants} participants of {kis.name} for {library.name} ({', '.join(made)})"
