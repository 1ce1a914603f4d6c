"""Admin of the participants app, for system administrators.

The list of target groups (``EligibilityCategory``) is configured here, through the service.
Participants' records are not browsed in the admin: above the club nobody reads persons; the
admin shows referrals, cases and follow-ups read-only, without personal data beyond the name.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.accounts.scope import is_system_admin
from ksr.cases.models import Case, EligibilityCategory, FollowUp, Referral
from ksr.cases.services import CATEGORY_FIELDS, do_save_eligibility_category
from ksr.core.admin import AdminGateMixin, ReadOnlyAdmin


@admin.register(EligibilityCategory)
class EligibilityCategoryAdmin(AdminGateMixin, admin.ModelAdmin):
    list_display = ("name", "code", "legal_reference", "is_active", "order")
    list_filter = ("is_active",)
    fields = CATEGORY_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_system_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deactivate instead: participants' records refer to the category

    def save_model(self, request: HttpRequest, obj: EligibilityCategory, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in CATEGORY_FIELDS if name in form.cleaned_data}
        saved = do_save_eligibility_category(obj if change else None, data, actor=request.user)
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ("id", "organisation", "source", "status", "sent_on", "decided_on")
    list_filter = ("status", "source")
    fields = ("organisation", "source", "sender_organisation", "status", "sent_on", "decided_on", "refusal_reason")
    list_select_related = ("organisation",)


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("id", "organisation", "status", "opened_on", "exited_on")
    list_filter = ("status",)
    fields = ("organisation", "status", "opened_on", "admitted_on", "exited_on", "exit_reason", "graduated_at")
    list_select_related = ("organisation",)


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ("id", "due_on", "done_on", "outcome")
    fields = ("due_on", "done_on", "outcome")
