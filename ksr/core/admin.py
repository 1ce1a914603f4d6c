"""Admin glue: one access gate and the read-only base every app's admin uses.

The Django admin is for system administrators only; domain writes go through the services (and
their pages), so most models are registered read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.accounts.scope import is_system_admin


class AdminGateMixin:
    """Only system administrators see the module and its objects."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_system_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_admin(request.user)


class AdminEditGateMixin(AdminGateMixin):
    """System administrators also add, change and delete (the admin's save and delete call the services)."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_system_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_admin(request.user)


class ReadOnlyAdmin(AdminGateMixin, admin.ModelAdmin):
    """Administrators browse; nobody adds, changes or deletes here (services do the writing)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
