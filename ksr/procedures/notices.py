"""What the procedures app tells people (``ksr.notifications``): a need request answered."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership
from ksr.notifications.choices import NotificationKind
from ksr.notifications.services import notify
from ksr.procedures.choices import ResponseKind
from ksr.procedures.models import NeedResponse


def need_request_answered(response: NeedResponse) -> None:
    """Tell who asked (without one recorded: the requesting organisation's managers) that a partner answered."""
    request = response.request
    recipients = [request.created_by] if request.created_by_id else []
    if not recipients:
        recipients = [
            m.user for m in Membership.objects.active().filter(organisation=request.requester, role=Role.ENTITY_MANAGER)
        ]
    offered = response.kind == ResponseKind.OFFER
    notify(
        recipients,
        NotificationKind.NEED_REQUEST_ANSWERED,
        title=_("%(partner)s offered help with your need request")
        if offered
        else _("%(partner)s declined your need request"),
        body=_("Need request no. %(number)s, to be answered by %(date)s."),
        params={"partner": response.organisation.name, "number": request.pk, "date": request.answer_by.isoformat()},
        link=reverse("procedures:request_detail", kwargs={"pk": request.pk}),
        organisation=request.requester,
    )
