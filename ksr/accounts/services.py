"""Writes about accounts: signing in with lockout, memberships, the second factor and API tokens.

Every function here writes its audit row (``ksr.audit.services``) inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from ksr.accounts.choices import PARTICIPANT_DATA_ROLES
from ksr.accounts.models import Membership, User
from ksr.accounts.scope import forget_scope, scope_for
from ksr.audit.choices import AuditAction
from ksr.audit.services import record, record_create, record_delete, record_login_failure, record_update, snapshot
from ksr.core.types import AnyUser


def client_ip(request: HttpRequest | None) -> str | None:
    """The client address as the web server saw it (``REMOTE_ADDR``)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


# --- signing in -------------------------------------------------------------------------------
# django-axes counts the failures (ADR 0014); these three callables are named in its settings.


def login_failure_limit(request: HttpRequest | None, credentials: Any) -> int:
    """Failures of one username at one address before that pair is refused (``AXES_FAILURE_LIMIT``)."""
    return int(settings.KSR_LOGIN_MAX_FAILURES)


def login_cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """How long a lock lasts (``AXES_COOLOFF_TIME``)."""
    return dt.timedelta(minutes=settings.KSR_LOGIN_LOCKOUT_MINUTES)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None) -> Any:
    """``AXES_LOCKOUT_CALLABLE``: keep the sign-in's own answer, which never tells a lock apart."""
    return original_response


def _invalid_error() -> ValidationError:
    # The same message whether the username is unknown, the password wrong or the pair locked.
    return ValidationError(_("Incorrect username or password."), code="invalid_login")


def _address_locked(ip: str | None) -> bool:
    """Whether this address made too many failed attempts, whatever the usernames."""
    if not ip:
        return False
    since = timezone.now() - login_cool_off()
    failures = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.KSR_LOGIN_MAX_FAILURES_PER_ADDRESS


USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length or 150

# A password hash to check against when no real check runs, so that every refusal costs the same.
_DUMMY_HASH: list[str] = []


def _spend_hashing_time(password: str) -> None:
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(make_password("ksr-dummy-password"))
    check_password(password, _DUMMY_HASH[0])


def authenticate_with_lockout(request: HttpRequest, username: str, password: str) -> User:
    """Authenticate ``username`` through django-axes; return the user or raise ``ValidationError``.

    After ``settings.KSR_LOGIN_MAX_FAILURES`` failures of one username from one address, that
    username is refused *from that address* for ``settings.KSR_LOGIN_LOCKOUT_MINUTES`` (even with the
    right password); after ``KSR_LOGIN_MAX_FAILURES_PER_ADDRESS`` failures from one address, every
    username is refused from it. The owner signing in from elsewhere is never locked out.

    Unknown username, wrong password and a lock give the same message (code ``invalid_login``) and
    cost the same time (a password hash is always checked). Audit rows: ``login`` and, for a known
    username only, ``login_failed`` (bounded per account and address; nothing a client types is stored).
    """
    ip = client_ip(request)
    if len(username) > USERNAME_MAX_LENGTH:
        # No account has such a name; refused before it reaches the throttling tables.
        _spend_hashing_time(password)
        raise _invalid_error()
    if _address_locked(ip):
        _spend_hashing_time(password)
        raise _invalid_error()
    user = authenticate(request, username=username, password=password)
    if user is None or not isinstance(user, User):
        if getattr(request, "axes_locked_out", False):
            _spend_hashing_time(password)  # axes refused before any hash was checked
        known = User.objects.filter(username=username).first()
        if known is not None:  # an unknown username is not recorded: nothing a client types is stored
            record_login_failure(known, ip_address=ip)  # bounded per account and address
        raise _invalid_error()
    record(AuditAction.LOGIN, user, actor=user, ip_address=ip)
    return user


@transaction.atomic
def do_unlock_user(user: User, *, actor: AnyUser) -> int:
    """Lift the user's sign-in locks (at every address) before they expire (administrators)."""
    removed = int(axes_reset(username=user.get_username()))
    if removed:
        record(AuditAction.UPDATE, user, actor=actor, changes={"sign_in_lock": ["locked", None]})
    return removed


# --- memberships --------------------------------------------------------------------------------


@transaction.atomic
def do_grant_membership(
    *,
    user: User,
    organisation: Any,
    role: str,
    actor: AnyUser,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Membership:
    """Give ``user`` the ``role`` in ``organisation`` (optionally for a period)."""
    membership = Membership(user=user, organisation=organisation, role=role, valid_from=valid_from, valid_to=valid_to)
    return do_save_membership(membership, actor=actor)


@transaction.atomic
def do_save_membership(membership: Membership, *, actor: AnyUser) -> Membership:
    """Save a new or changed membership (as edited in memory, e.g. by an admin form), audited."""
    _check_period(membership)
    if membership.pk is None:
        membership.full_clean()
        membership.save()
        record_create(membership, actor=actor)
    else:
        before = snapshot(Membership.objects.get(pk=membership.pk))
        membership.full_clean()
        membership.save()
        record_update(membership, before, actor=actor)
    forget_scope(membership.user)
    return membership


@transaction.atomic
def do_revoke_membership(membership: Membership, *, actor: AnyUser) -> None:
    """Take a role away: the membership is deleted (its history stays in the audit trail)."""
    record_delete(membership, actor=actor)
    user = membership.user
    membership.delete()
    forget_scope(user)


def _check_period(membership: Membership) -> None:
    if membership.valid_from and membership.valid_to and membership.valid_to < membership.valid_from:
        raise ValidationError({"valid_to": _("The end of the period cannot be before its start.")})


# --- second factor ---------------------------------------------------------------------------


def second_factor_required(user: AnyUser) -> bool:
    """Whether ``user`` must use a second factor: holds a role that reads participant data, or may
    use the admin site (staff and superusers, who read everything there)."""
    if not settings.KSR_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return bool(scope_for(user).roles.intersection(PARTICIPANT_DATA_ROLES))


def is_session_verified(user: AnyUser) -> bool:
    """Whether the user verified a second factor in this session (``OTPMiddleware``)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def confirmed_device(user: AnyUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device being set up (created on first use; stable across reloads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


@transaction.atomic
def do_confirm_totp_device(device: TOTPDevice, token: str, *, actor: AnyUser) -> None:
    """Confirm a device being set up when ``token`` is a valid code from it; else ValidationError."""
    if device.confirmed:
        raise ValidationError(_("This device is already confirmed."))
    if not device.verify_token(token):
        raise ValidationError(_("The code is not valid. Check the time on your phone and try again."), code="token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # A token made before the second factor existed would bypass it: it stops working.
    revoke_all_api_tokens(device.user)
    # Any other device (an abandoned setup) goes away: one authenticator per user.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    record(AuditAction.UPDATE, device.user, actor=actor, changes={"second_factor": [False, True]})


@transaction.atomic
def do_disable_totp(user: User, token: str, *, actor: AnyUser) -> None:
    """Switch the second factor off; refused when the user's roles require it. Needs a current code."""
    if second_factor_required(user):
        raise ValidationError(_("Your roles require a second factor; it cannot be switched off."), code="required")
    device = confirmed_device(user)
    if device is None:
        raise ValidationError(_("The second factor is not enabled."), code="none")
    if not device.verify_token(token):
        raise ValidationError(_("The code is not valid."), code="token")
    TOTPDevice.objects.filter(user=user).delete()
    record(AuditAction.UPDATE, user, actor=actor, changes={"second_factor": [True, False]})


# --- API tokens -----------------------------------------------------------------------------
# django-rest-knox: several tokens per user, each stored as a hash with an expiry (ADR 0014).


def may_hold_api_token(user: AnyUser) -> bool:
    """API tokens bypass the session's second factor, so only a user who either needs none or
    has verified it in this session may create one."""
    return not second_factor_required(user) or is_session_verified(user)


@transaction.atomic
def _issue_token(user: User, *, actor: AnyUser, via: str) -> tuple[AuthToken, str]:
    instance, key = AuthToken.objects.create(user=user)
    # Never the key itself in the audit trail: only its public prefix.
    record(AuditAction.UPDATE, user, actor=actor, changes={"api_token": [None, f"{via}:{instance.token_key}"]})
    return instance, key


@transaction.atomic
def do_create_api_token(user: User, *, actor: AnyUser) -> tuple[AuthToken, str]:
    """Create an API token from the account page. Returns it and its key (shown once)."""
    if not may_hold_api_token(actor):
        raise ValidationError(_("Verify your second factor before creating an API token."), code="second_factor")
    return _issue_token(user, actor=actor, via="page")


def do_obtain_api_token(request: HttpRequest, username: str, password: str, otp: str) -> tuple[AuthToken, str]:
    """``POST /api/v1/auth/token/``: username, password and, where a second factor is set up or
    required, the current TOTP code. Every refusal of the credentials is the sign-in's own.

    Not one transaction: the failures that django-axes counts must stay when the request is refused."""
    user = authenticate_with_lockout(request, username, password)
    if not user.is_active:
        raise ValidationError(_("Incorrect username or password."), code="invalid_login")
    device = confirmed_device(user)
    if device is None and second_factor_required(user):
        raise ValidationError(
            _("Set up your second factor (TOTP) in the web application before using the API."), code="second_factor"
        )
    if device is not None and not (otp and device.verify_token(otp)):
        raise ValidationError({"otp": [_("The code is not valid. Check the time on your phone and try again.")]})
    return _issue_token(user, actor=user, via="api")


def api_tokens(user: User) -> QuerySet[AuthToken]:
    """The user's live tokens, newest first (expired ones are not listed)."""
    now = timezone.now()
    return (
        AuthToken.objects.filter(user=user)
        .filter(models.Q(expiry__isnull=True) | models.Q(expiry__gt=now))
        .order_by("-created")
    )


@transaction.atomic
def do_revoke_api_token(user: User, token_key: str, *, actor: AnyUser) -> bool:
    """Delete one of the user's tokens (by its public prefix); returns whether there was one."""
    deleted = AuthToken.objects.filter(user=user, token_key=token_key).delete()[0] > 0
    if deleted:
        record(AuditAction.UPDATE, user, actor=actor, changes={"api_token": [token_key, None]})
    return deleted


def revoke_all_api_tokens(user: AnyUser) -> int:
    """Delete every token of the user (a new second factor: tokens made before it stop working)."""
    return int(AuthToken.objects.filter(user=user).delete()[0])
