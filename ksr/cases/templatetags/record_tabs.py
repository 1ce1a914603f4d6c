"""``{% record_tabs participant case %}``: the tabs of a participant's record on every page of it.

The participant and case pages and the pages other apps add to the record (plan, card, services,
outcomes, consents) show the same row of tabs, the current page marked with ``aria-current``.
"""

from __future__ import annotations

from typing import Any

from django import template

from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case, Participant
from ksr.cases.views import participant_tabs

register = template.Library()


@register.inclusion_tag("cases/_tabs.html", takes_context=True)
def record_tabs(context: template.Context, participant: Participant, case: Case | None = None) -> dict[str, Any]:
    if case is None:  # the open case, else the latest one, as on the participant's page
        cases = participant.cases.order_by("-opened_on", "-id")
        case = cases.exclude(status=CaseStatus.EXITED).first() or cases.first()
    return {
        "request": context.get("request"),
        "user": context.get("user"),
        "participant": participant,
        "case": case,
        "tabs": participant_tabs(participant, case),
        "active_tab": "",
    }
