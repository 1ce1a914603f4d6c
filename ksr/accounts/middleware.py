"""Second factor for roles that read participant data.

A user holding such a role (``choices.PARTICIPANT_DATA_ROLES``) must have a confirmed TOTP
device and must have verified it in this session before using anything but the sign-in,
second-factor and public pages. ``KSR_REQUIRE_2FA=0`` switches this requirement off (the demo
only). A user who enabled TOTP voluntarily is asked for the code after every sign-in too (the
sign-in view marks such a session with ``SESSION_ENROLLED``), whatever ``KSR_REQUIRE_2FA`` says.

- Pages: the user is redirected to ``accounts:otp_setup`` (no confirmed device yet) or
  ``accounts:otp_verify`` (device confirmed, not verified in this session), with ``?next=`` for a
  GET; htmx requests get an ``HX-Redirect`` header instead of a redirect to swap into the page.
- The API (``/api/``) answers 403 JSON to a session that still lacks its second factor (a redirect
  to an HTML form means nothing to an API client).
- API requests authenticated by token: this middleware runs before DRF authenticates them, so it
  sees an anonymous user and lets them through. The second factor is enforced when the token is
  made instead: a user who needs one can create a token only after verifying it in the session
  (``services.may_hold_api_token``), and ``authentication.SecondFactorTokenAuthentication``
  refuses the token of a user who needs a second factor but no longer has a confirmed device.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.accounts.services import confirmed_device, is_session_verified, second_factor_required
from ksr.core.access import ViewMiddleware, rule_of
from ksr.core.types import AnyUser

EXEMPT_URL_NAMES = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_setup",
    "accounts:otp_verify",
    "set_language",
}


# Set by the sign-in view when the user has a confirmed device (voluntary second factor).
SESSION_ENROLLED = "ksr_second_factor_enrolled"


def second_factor_pending(request: HttpRequest) -> bool:
    """Whether this session must verify a second factor before going on (required or voluntary)."""
    user = request.user
    if not user.is_authenticated:
        return False
    if second_factor_required(user):
        return not is_session_verified(user)
    if not request.session.get(SESSION_ENROLLED) or is_session_verified(user):
        return False
    if confirmed_device(user) is None:  # switched off meanwhile
        request.session.pop(SESSION_ENROLLED, None)
        return False
    return True


def second_factor_url(user: AnyUser) -> str:
    return reverse("accounts:otp_verify" if confirmed_device(user) else "accounts:otp_setup")


class SecondFactorMiddleware(ViewMiddleware):
    """Send a user whose role needs a second factor to set it up or verify it first."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in EXEMPT_URL_NAMES or rule_of(view_func, match.namespace if match else "") == "public":
            return None
        if not second_factor_pending(request):
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Verify your second factor (TOTP) in the web application first.")}, status=403
            )
        target = second_factor_url(request.user)
        if request.method in {"GET", "HEAD"}:
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
