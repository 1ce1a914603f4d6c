"""Administrators manage users and memberships here; membership writes go through the services
(``do_save_membership`` / ``do_revoke_membership``) so that every grant and revocation is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ksr.accounts.forms import AdminLoginForm
from ksr.accounts.models import Membership, User
from ksr.accounts.services import do_revoke_membership, do_save_membership, do_unlock_user

# The admin's sign-in goes through the same throttling (django-axes) as the site's.
admin.site.login_form = AdminLoginForm


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["organisation", "role", "valid_from", "valid_to"]
    raw_id_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    readonly_fields = ["last_login", "date_joined"]
    actions = ["unlock"]

    @admin.action(description=_("Lift the sign-in locks of the selected accounts"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            do_unlock_user(user, actor=request.user)
        self.message_user(request, _("The selected accounts are unlocked."), messages.SUCCESS)

    def save_formset(self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        with transaction.atomic():
            instances = formset.save(commit=False)
            for membership in formset.deleted_objects:
                do_revoke_membership(membership, actor=request.user)
            for membership in instances:
                do_save_membership(membership, actor=request.user)

    @transaction.atomic
    def delete_model(self, request: HttpRequest, obj: User) -> None:
        for membership in obj.memberships.all():
            do_revoke_membership(membership, actor=request.user)
        super().delete_model(request, obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            self.delete_model(request, user)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]
    raw_id_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        do_save_membership(obj, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        do_revoke_membership(obj, actor=request.user)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "organisation"):
            do_revoke_membership(membership, actor=request.user)
