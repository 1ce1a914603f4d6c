"""Deny by default: every view declares who may use it.

A view carries its rule in the attribute ``ksr_access`` (set by the decorators and mixins here,
or by ``KsrAPIMixin`` for API views). ``DenyByDefaultMiddleware`` refuses any request that
resolves to a view without a rule, and ``ksr/core/tests/test_urlconf_access.py`` walks the
URLconf so that a route without a rule fails the build before it can ever be reached.

Rules:
- ``public``: anyone, no login (public register, health check, login page).
- ``authenticated``: any signed-in user; the view must still scope its objects to the user.
- ``roles:<r1>,<r2>``: a signed-in user holding one of these roles (see ``accounts.choices.Role``).
- ``admin``: the Django admin, guarded by its own ``is_staff`` check.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from ksr.accounts.scope import scope_for

logger = logging.getLogger(__name__)

ACCESS_ATTR = "ksr_access"
F = TypeVar("F", bound=Callable[..., Any])


def rule_of(view_func: Any, namespace: str = "") -> str | None:
    """The access rule a resolved view declares, or None.

    Everything in the ``admin`` namespace is guarded by the admin site itself (``is_staff``
    through ``AdminSite.admin_view``; its login page is necessarily open).
    """
    if namespace == "admin":
        return "admin"
    for candidate in (view_func, getattr(view_func, "view_class", None), getattr(view_func, "cls", None)):
        rule = getattr(candidate, ACCESS_ATTR, None)
        if rule:
            return str(rule)
    return None


def _mark(view: F, rule: str) -> F:
    setattr(view, ACCESS_ATTR, rule)
    return view


def public(view: F) -> F:
    """Anyone may use this view, signed in or not."""
    return _mark(view, "public")


def login_required(view: F) -> F:
    """A signed-in user may use this view (objects must still be scoped to them)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(cast(F, wrapper), "authenticated")


def roles_required(*roles: str) -> Callable[[F], F]:
    """A signed-in user holding at least one of ``roles`` may use this view."""

    def decorator(view: F) -> F:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not scope_for(request.user).has_any_role(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(cast(F, wrapper), "roles:" + ",".join(roles))

    return decorator


class PublicMixin:
    ksr_access = "public"


class LoginRequiredMixin(AccessMixin):
    ksr_access = "authenticated"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: the view class comes after it


class RolesRequiredMixin(LoginRequiredMixin):
    """Class-based views: set ``required_roles``; the rule is derived by ``__init_subclass__``."""

    required_roles: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.required_roles:
            cls.ksr_access = "roles:" + ",".join(cls.required_roles)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not scope_for(request.user).has_any_role(self.required_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ViewMiddleware:
    """Base of a middleware that decides in ``process_view`` (before the view runs)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class DenyByDefaultMiddleware(ViewMiddleware):
    """Refuse (403) any view that does not declare an access rule."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if rule_of(view_func, match.namespace if match else "") is None:
            logger.error("View %r declares no access rule; refused.", view_func)
            return HttpResponseForbidden("This view declares no access rule.")
        return None
