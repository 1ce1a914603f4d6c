"""Questions other apps ask the plans app.

- ``has_signed_ipzs(case)``: the CIS admission (cases app) requires a signed IPZS.
- ``due_items(cases, start, end)``: IPDs and contract reviews due in a window, for workspaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.cases.models import Case
from ksr.cases.workspace import DueItem
from ksr.plans.choices import OPEN_CONTRACT_STATUSES, ContractKind, ContractStatus, PlanStatus
from ksr.plans.models import ActionPlan, Contract, ContractVersion, ipd_due_on, ipd_observation_weeks


def ipzs_missing(case: Case) -> str | None:
    """The CIS admission condition this app holds the evidence for (registered with cases)."""
    if has_signed_ipzs(case):
        return None
    return str(_("The individual social employment programme (IPZS) has not been signed yet."))


def has_signed_ipzs(case: Case) -> bool:
    """Whether ``case`` has an IPZS version signed by both the participant and the worker."""
    return (
        ContractVersion.objects.filter(
            contract__case_id=case.pk,
            contract__kind=ContractKind.IPZS,
            participant_signed_on__isnull=False,
            worker_signed_on__isnull=False,
        )
        .exclude(contract__status=ContractStatus.CANCELLED)
        .exists()
    )


def due_items(cases: Iterable[Case], start: dt.date, end: dt.date) -> list[DueItem]:
    """Items due between ``start`` and ``end`` (inclusive) for ``cases`` (a queryset or list).

    - "IPD due": cases without a set IPD whose opening date + the observation period falls in
      the window (Model KSR, II.4 „KIS zatrudnia case managerów”: setting the IPD takes several weeks);
    - "contract review": open contracts whose next review date falls in the window.
    """
    case_list = list(cases)
    ids = [c.pk for c in case_list]
    items: list[DueItem] = []
    with_plan = set(
        ActionPlan.objects.filter(case_id__in=ids, status__in=[PlanStatus.SET, PlanStatus.CLOSED]).values_list(
            "case_id", flat=True
        )
    )
    # Earliest opening date whose IPD falls due on ``start``.
    weeks = ipd_observation_weeks()
    for case in case_list:
        if case.pk in with_plan or case.exited_on:
            continue
        due = ipd_due_on(case)
        if start <= due <= end:
            items.append(
                DueItem(
                    date=due,
                    kind="ipd_due",
                    label=_("Individual action plan due (%(weeks)s weeks after opening)") % {"weeks": weeks},
                    case_id=case.pk,
                    url=reverse("plans:case_plan", kwargs={"case_pk": case.pk}),
                )
            )
    reviews = Contract.objects.filter(
        case_id__in=ids, status__in=OPEN_CONTRACT_STATUSES, next_review_on__range=(start, end)
    ).order_by("next_review_on", "id")
    for contract in reviews:
        items.append(
            DueItem(
                date=contract.next_review_on,
                kind="contract_review",
                label=_("Review of the %(kind)s") % {"kind": contract.get_kind_display().lower()},
                case_id=contract.case_id,
                url=reverse("plans:case_plan", kwargs={"case_pk": contract.case_id}),
            )
        )
    items.sort(key=lambda i: i.date)
    return items
