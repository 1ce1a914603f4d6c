"""The user's inbox (paginated; the unread count in the header) and their delivery preferences."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ksr.accounts.middleware import second_factor_pending
from ksr.accounts.models import User
from ksr.core.access import login_required, public
from ksr.core.forms import add_service_errors
from ksr.notifications.choices import DEFAULT_DELIVERY, Delivery, NotificationKind
from ksr.notifications.forms import PreferencesForm
from ksr.notifications.models import Notification, NotificationPreference
from ksr.notifications.services import do_mark_all_read, do_mark_read, do_set_preference

PAGE_SIZE = 25


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, 25 a page; ``?unread=1`` shows the unread only."""
    notifications = Notification.objects.visible_to(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page_obj": page,
            "unread_only": unread_only,
            "unread_count": Notification.objects.visible_to(request.user).unread().count(),
        },
    )


@public
def badge(request: HttpRequest) -> HttpResponse:
    """The header's link to the inbox with the unread count (loaded by htmx after the page).

    Public so that a session still owing its second factor is not redirected from every page by
    this request: such a session (and an anonymous one) gets the link without a count.
    """
    count = 0
    if request.user.is_authenticated and not second_factor_pending(request):
        count = Notification.objects.visible_to(request.user).unread().count()
    return render(request, "notifications/_badge.html", {"unread_count": count})


@require_POST
@login_required
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with ``open`` go on to what it links to."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    do_mark_read(notification, actor=request.user)
    link = notification.link
    if "open" in request.POST and link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:inbox")


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = do_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Choose per kind: in the application only, an e-mail at once, or the daily digest."""
    user = cast(User, request.user)
    current = {kind.value: DEFAULT_DELIVERY.value for kind in NotificationKind}
    current.update(NotificationPreference.objects.visible_to(user).values_list("kind", "delivery"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, delivery in form.cleaned_data.items():
                if delivery != current[kind]:
                    do_set_preference(user, kind, delivery, actor=user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    status = 400 if form.errors else 200
    context = {"form": form, "has_email": bool(user.email), "deliveries": Delivery.choices}
    return render(request, "notifications/preferences.html", context, status=status)
