"""Writes about accounts: signing in with lockout, memberships, the second factor and API tokens.

Every function here writes its audit row (``ksr.audit.services``) inside its transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

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


def _locked_error(locked_until: dt.datetime) -> ValidationError:
    until = date_format(timezone.localtime(locked_until), "DATETIME_FORMAT")
    return ValidationError(
        _("This account is locked after too many failed sign-in attempts until %(until)s. Try again later."),
        code="locked",
        params={"until": until},
    )


def _invalid_error() -> ValidationError:
    # The same message whether or not the username exists.
    return ValidationError(_("Incorrect username or password."), code="invalid_login")


def authenticate_with_lockout(request: HttpRequest | None, username: str, password: str) -> User:
    """Authenticate ``username``; lock the account after repeated failures.

    After ``settings.KSR_LOGIN_MAX_FAILURES`` consecutive failures the account is locked for
    ``settings.KSR_LOGIN_LOCKOUT_MINUTES``: while it is locked even the right password is refused,
    with a message saying until when. A wrong password for an unlocked account and an unknown
    username give the same message. Success resets the counter. Audit rows: ``login``,
    ``login_failed`` and ``locked``.

    Returns the user; raises ``ValidationError`` (code ``locked`` or ``invalid_login``).
    """
    ip = client_ip(request)
    now = timezone.now()
    known = User.objects.filter(username=username).first()

    if known is not None and known.locked_until is not None:
        if known.locked_until > now:
            record_login_failure(known, ip_address=ip, changes={"reason": [None, "locked"]})
            raise _locked_error(known.locked_until)
        # The lockout period is over: start counting afresh.
        User.objects.filter(pk=known.pk).update(failed_login_count=0, locked_until=None)
        known.failed_login_count, known.locked_until = 0, None

    user = authenticate(request, username=username, password=password)
    if user is None:
        if known is None:
            record_login_failure(None, ip_address=ip)
            raise _invalid_error()
        _count_failure(known, ip=ip)
        raise _invalid_error()

    if not isinstance(user, User):  # another backend's user object: not ours to sign in
        raise _invalid_error()
    with transaction.atomic():
        if user.failed_login_count or user.locked_until:
            User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
            user.failed_login_count, user.locked_until = 0, None
        record(AuditAction.LOGIN, user, actor=user, ip_address=ip)
    return user


@transaction.atomic
def _count_failure(user: User, *, ip: str | None) -> None:
    row = User.objects.select_for_update().get(pk=user.pk)
    row.failed_login_count += 1
    record_login_failure(row, ip_address=ip)
    if row.failed_login_count >= settings.KSR_LOGIN_MAX_FAILURES:
        row.locked_until = timezone.now() + dt.timedelta(minutes=settings.KSR_LOGIN_LOCKOUT_MINUTES)
        record(
            AuditAction.LOCKED,
            row,
            actor=None,
            ip_address=ip,
            changes={"locked_until": [None, row.locked_until.isoformat()]},
        )
    row.save(update_fields=["failed_login_count", "locked_until"])
    user.failed_login_count, user.locked_until = row.failed_login_count, row.locked_until


@transaction.atomic
def do_unlock_user(user: User, *, actor: AnyUser) -> None:
    """Lift a lockout before it expires (administrators)."""
    count, locked_until = user.failed_login_count, user.locked_until
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    user.failed_login_count, user.locked_until = 0, None
    if count or locked_until:
        record(
            AuditAction.UPDATE,
            user,
            actor=actor,
            changes={
                "failed_login_count": [count, 0],
                "locked_until": [locked_until.isoformat() if locked_until else None, None],
            },
        )


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
    """Whether ``user`` must use a second factor (holds a role that reads participant data)."""
    if not settings.KSR_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
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


def may_hold_api_token(user: AnyUser) -> bool:
    """API tokens bypass the session's second factor, so only a user who either needs none or
    has verified it in this session may create one."""
    return not second_factor_required(user) or is_session_verified(user)


@transaction.atomic
def do_create_api_token(user: User, *, actor: AnyUser) -> Token:
    """Create the user's API token, replacing any previous one. Returns it (the key is shown once)."""
    if not may_hold_api_token(actor):
        raise ValidationError(_("Verify your second factor before creating an API token."), code="second_factor")
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    # Never the key itself in the audit trail.
    record(AuditAction.UPDATE, user, actor=actor, changes={"api_token": ["replaced" if replaced else None, "created"]})
    return token


@transaction.atomic
def do_revoke_api_token(user: User, *, actor: AnyUser) -> bool:
    """Delete the user's API token; returns whether there was one."""
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        record(AuditAction.UPDATE, user, actor=actor, changes={"api_token": ["created", None]})
    return deleted
