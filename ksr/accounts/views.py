"""Sign-in, the second factor (TOTP) and the user's own profile with API tokens."""

from __future__ import annotations

import base64
from typing import Any, cast
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from ksr.accounts.choices import ROLE_REACH, Reach
from ksr.accounts.forms import LoginForm, TokenForm
from ksr.accounts.middleware import SESSION_ENROLLED, second_factor_pending, second_factor_url
from ksr.accounts.models import Membership, User
from ksr.accounts.scope import Scope, scope_for
from ksr.accounts.services import (
    api_tokens,
    confirmed_device,
    do_confirm_totp_device,
    do_create_api_token,
    do_disable_totp,
    do_revoke_api_token,
    is_session_verified,
    may_hold_api_token,
    pending_device,
    second_factor_required,
)
from ksr.core.access import PublicMixin, login_required
from ksr.territory.models import TerritorialUnit


def _safe_next(request: HttpRequest, default: str = "core:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


class LoginView(PublicMixin, auth_views.LoginView):
    """Sign in with the lockout of ``services.authenticate_with_lockout``; then the second factor."""

    form_class = LoginForm
    template_name = "accounts/login.html"

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        if confirmed_device(user) is not None:
            self.request.session[SESSION_ENROLLED] = True
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if second_factor_pending(self.request):
            return f"{second_factor_url(self.request.user)}?{urlencode({'next': url})}"
        return url

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["next"] = self.request.POST.get("next") or self.request.GET.get("next", "")
        return context


class LogoutView(PublicMixin, auth_views.LogoutView):
    """Sign out (POST only)."""


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and secret, confirmed by a first valid code."""
    user = cast(User, request.user)
    if confirmed_device(user) is not None:
        if is_session_verified(user):
            messages.info(request, _("Your second factor is already set up."))
            return redirect("accounts:profile")
        return redirect(f"{resolve_url('accounts:otp_verify')}?{urlencode({'next': _safe_next(request)})}")
    device = pending_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_confirm_totp_device(device, form.cleaned_data["token"], actor=user)
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            otp_login(request, device)
            messages.success(request, _("The second factor is set up. Use the app's code at every sign-in."))
            return HttpResponseRedirect(_safe_next(request, "accounts:profile"))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff"),
        "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": second_factor_required(user),
        "next": _safe_next(request, "accounts:profile"),
    }
    response = render(request, "accounts/otp_setup.html", context)
    response["Cache-Control"] = "no-store"  # the page shows the secret
    return response


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Enter the authenticator's code after signing in."""
    user = request.user
    device = confirmed_device(user)
    if device is None:
        return redirect(f"{resolve_url('accounts:otp_setup')}?{urlencode({'next': _safe_next(request)})}")
    if is_session_verified(user):
        return HttpResponseRedirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return HttpResponseRedirect(_safe_next(request))
        allowed, _details = device.verify_is_allowed()
        form.add_error(
            "token",
            _("The code is not valid. Check the time on your phone and try again.")
            if allowed
            else _("Too many wrong codes. Wait a moment before trying again."),
        )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


def _reach_lines(scope: Scope) -> list[str]:
    """What the user may read, in words."""
    if scope.everything:
        return [_("The whole country: every organisation and register.")]
    lines = []
    codes = sorted(p for p in scope.read_prefixes if p)
    for unit in TerritorialUnit.objects.filter(code__in=codes).order_by("code"):
        if len(unit.code) == 2:
            lines.append(_("Voivodeship %(name)s (TERYT %(code)s)") % {"name": unit.name, "code": unit.code})
        else:
            lines.append(_("Powiat %(name)s (TERYT %(code)s)") % {"name": unit.name, "code": unit.code})
    if scope.organisation_ids:
        lines.append(_("Your own organisations, wherever they are."))
    return lines


def _profile_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = cast(User, request.user)
    scope = scope_for(user)
    active = set(Membership.objects.active().filter(user=user))
    memberships = [
        {"membership": m, "reach": Reach(ROLE_REACH[m.role]).label, "active": m in active}
        for m in Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    ]
    return {
        "memberships": memberships,
        "reach_lines": _reach_lines(scope),
        "has_memberships": bool(scope.roles),
        "device": confirmed_device(user),
        "second_factor_required": second_factor_required(user),
        "session_verified": is_session_verified(user),
        "tokens": list(api_tokens(user)),
        "may_hold_token": may_hold_api_token(user),
        "disable_form": TokenForm(),
        **extra,
    }


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's memberships, reach, second factor and API token."""
    return render(request, "accounts/profile.html", _profile_context(request))


@require_POST
@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    """Create an API token; its key is shown once, in this response only."""
    user = cast(User, request.user)
    try:
        _token, key = do_create_api_token(user, actor=user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("accounts:profile")
    response = render(request, "accounts/profile.html", _profile_context(request, new_token_key=key))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def token_revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of the user's tokens, named by its prefix."""
    user = cast(User, request.user)
    if do_revoke_api_token(user, request.POST.get("prefix", "")[:25], actor=user):
        messages.success(request, _("The API token was revoked."))
    return redirect("accounts:profile")


@require_POST
@login_required
def otp_disable(request: HttpRequest) -> HttpResponse:
    """Switch the second factor off (only when no role requires it; needs a current code)."""
    user = cast(User, request.user)
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            do_disable_totp(user, form.cleaned_data["token"], actor=user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("token", message)
        else:
            request.session.pop(SESSION_ENROLLED, None)
            messages.success(request, _("The second factor is switched off."))
            return redirect("accounts:profile")
    response = render(request, "accounts/profile.html", _profile_context(request, disable_form=form))
    response.status_code = 400
    return response
