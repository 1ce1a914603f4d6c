"""Second factor for roles that read participant data.

A user holding such a role (``choices.PARTICIPANT_DATA_ROLES``) must have a confirmed TOTP
device and must have verified it in this session before using anything but the sign-in,
second-factor and public pages. ``KSR_REQUIRE_2FA=0`` switches this off (the demo only).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ksr.accounts.choices import PARTICIPANT_DATA_ROLES
from ksr.accounts.scope import scope_for
from ksr.core.access import rule_of

EXEMPT_URL_NAMES = {"accounts:login", "accounts:logout", "accounts:otp_setup", "accounts:otp_verify", "set_language"}


def needs_second_factor(user: Any) -> bool:
    if not settings.KSR_REQUIRE_2FA or not user.is_authenticated:
        return False
    if not scope_for(user).roles.intersection(PARTICIPANT_DATA_ROLES):
        return False
    return not user.is_verified()


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        name = match.view_name if match else ""
        if name in EXEMPT_URL_NAMES or rule_of(view_func) == "public":
            return None
        if needs_second_factor(request.user):
            from django_otp import user_has_device

            target = "accounts:otp_verify" if user_has_device(request.user) else "accounts:otp_setup"
            return redirect(target)
        return None
