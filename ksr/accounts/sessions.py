"""The user's active sessions and "sign out everywhere else".

Sessions live in the configured session store (the database, or Redis with the database behind it,
``settings.SESSION_ENGINE``); which of them belong to whom is recorded at sign-in in
``UserSession`` (signal ``user_logged_in``, connected in ``apps.py``) and forgotten at sign-out.
A session that expired or was ended is dropped from the list the next time it is read.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from ksr.accounts.models import User, UserSession
from ksr.accounts.services import client_ip
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.types import AnyUser


def _store(session_key: str | None = None) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key)  # type: ignore[no-any-return]


def record_session(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Remember whose session this is (the browser and address, to tell them apart in the list)."""
    if request is None or not getattr(request, "session", None) or not request.session.session_key:
        return
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip_address": client_ip(request) or None,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )


def forget_session(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if request is not None and getattr(request, "session", None) and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def follow_new_key(old_key: str | None, new_key: str | None) -> None:
    """The session got a new key (Django cycles it when the password changes): keep it in the list."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def active_sessions(user: User) -> list[UserSession]:
    """The user's sessions still alive in the session store, newest first (ended ones are forgotten)."""
    alive: list[int] = []
    ended: list[int] = []
    for row in UserSession.objects.filter(user=user).order_by("-created_at", "-id"):
        (alive if _store().exists(row.session_key) else ended).append(row.pk)
    if ended:
        UserSession.objects.filter(pk__in=ended).delete()
    return list(UserSession.objects.filter(pk__in=alive).order_by("-created_at", "-id"))


@transaction.atomic
def do_end_other_sessions(user: User, current_key: str | None, *, actor: AnyUser) -> int:
    """End every session of ``user`` but ``current_key``; returns how many were ended."""
    if actor.pk != user.pk:
        raise PermissionDenied
    others = list(UserSession.objects.filter(user=user).exclude(session_key=current_key or ""))
    for row in others:
        _store(row.session_key).delete(row.session_key)
    UserSession.objects.filter(pk__in=[row.pk for row in others]).delete()
    if others:
        record(AuditAction.UPDATE, user, actor=actor, changes={"sessions_ended": [len(others), 0]})
    return len(others)
