"""Account basics: password reset by e-mail and password change (Django's own views), the user's
active sessions with "sign out everywhere else".

The reset answers the same whether or not the address belongs to an account (Django's form sends
only to active users with a usable password), and is rate-limited per client address and per
e-mail address in the cache (``KSR_PASSWORD_RESET_PER_HOUR``): over the limit the page answers the
same and nothing is sent. After a reset or a change the user's other sessions are ended.
"""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ksr.accounts.models import User
from ksr.accounts.services import client_ip
from ksr.accounts.sessions import active_sessions, do_end_other_sessions, follow_new_key
from ksr.core.access import LoginRequiredMixin, PublicMixin, login_required

RATE_WINDOW_SECONDS = 60 * 60


def _over_limit(key: str) -> bool:
    """Count one attempt under ``key`` in the cache; whether the hourly limit is now exceeded."""
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return bool(count > settings.KSR_PASSWORD_RESET_PER_HOUR)


class PasswordResetView(PublicMixin, auth_views.PasswordResetView):
    """Ask for a reset link by e-mail (the same answer for any address; rate-limited)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        address = form.cleaned_data["email"].strip().lower()
        by_client = _over_limit(f"password-reset:ip:{client_ip(self.request) or '-'}")
        by_address = _over_limit(f"password-reset:email:{address}")
        if by_client or by_address:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(PublicMixin, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(PublicMixin, auth_views.PasswordResetConfirmView):
    """Choose a new password from the e-mailed link; every session of the account is ended."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        do_end_other_sessions(form.user, None, actor=form.user)
        return response


class PasswordResetCompleteView(PublicMixin, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(LoginRequiredMixin, auth_views.PasswordChangeView):
    """Change the password (the current one first); this session stays, the others end."""

    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        before = self.request.session.session_key
        response = super().form_valid(form)  # keeps this session signed in under a new key
        user = cast(User, self.request.user)
        follow_new_key(before, self.request.session.session_key)
        do_end_other_sessions(user, self.request.session.session_key, actor=user)
        messages.success(self.request, _("Your password is changed. Your other sessions were signed out."))
        return response


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """The user's active sessions (where and when they signed in), this one marked."""
    user = cast(User, request.user)
    return render(
        request,
        "accounts/sessions.html",
        {"sessions": active_sessions(user), "current_key": request.session.session_key},
    )


@require_POST
@login_required
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    """Sign out everywhere else: every session of the user but this one ends."""
    user = cast(User, request.user)
    ended = do_end_other_sessions(user, request.session.session_key, actor=user)
    if ended:
        messages.success(request, _("You were signed out everywhere else."))
    else:
        messages.info(request, _("You had no other session."))
    return redirect("accounts:sessions")
