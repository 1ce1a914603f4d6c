"""Admin of the registry, for system administrators only; writes go through the services (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ksr.core.admin import AdminEditGateMixin
from ksr.registry.models import Organisation, Person
from ksr.registry.services import (
    ORGANISATION_FIELDS,
    ORGANISATION_M2M,
    PERSON_FIELDS,
    do_create_organisation,
    do_create_person,
    do_deactivate_organisation,
    do_delete_organisation,
    do_delete_person,
    do_update_organisation,
    do_update_person,
)


def _data(form: Any, fields: tuple[str, ...], m2m: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in (*fields, *m2m) if name in form.cleaned_data}


@admin.register(Organisation)
class OrganisationAdmin(AdminEditGateMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "stakeholder_type", "seat", "nip", "regon", "is_active")
    list_filter = ("kind", "stakeholder_type", "operating_level", "is_active", "sectors")
    search_fields = ("name", "short_name", "nip", "regon", "krs")
    list_select_related = ("seat",)
    raw_id_fields = ("seat", "parent", "area")
    filter_horizontal = ("sectors",)
    readonly_fields = ("stakeholder_type", "created_at", "updated_at")
    fields = (*ORGANISATION_FIELDS[:5], "stakeholder_type", *ORGANISATION_FIELDS[5:], *ORGANISATION_M2M)
    actions = ["deactivate"]

    def save_model(self, request: HttpRequest, obj: Organisation, form: Any, change: bool) -> None:
        data = _data(form, ORGANISATION_FIELDS, ORGANISATION_M2M)
        saved = (
            do_update_organisation(obj, data, actor=request.user)
            if change
            else do_create_organisation(data, actor=request.user)
        )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The service already set the many-to-many fields (and audited them).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        try:
            do_delete_organisation(obj, actor=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    @admin.action(description=_("Deactivate the selected organisations"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        for obj in queryset:
            do_deactivate_organisation(obj, actor=request.user)


@admin.register(Person)
class PersonAdmin(AdminEditGateMixin, admin.ModelAdmin):
    list_display = ("last_name", "first_name", "function", "organisation", "is_representative")
    list_filter = ("function", "is_representative")
    search_fields = ("last_name", "first_name", "organisation__name")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation",)
    fields = ("organisation", *PERSON_FIELDS)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("organisation",) if obj is not None else ()

    def save_model(self, request: HttpRequest, obj: Person, form: Any, change: bool) -> None:
        data = _data(form, PERSON_FIELDS)
        if change:
            saved = do_update_person(obj, data, actor=request.user)
        else:
            saved = do_create_person(form.cleaned_data["organisation"], data, actor=request.user)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request: HttpRequest, obj: Person) -> None:
        do_delete_person(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        for obj in queryset:
            do_delete_person(obj, actor=request.user)
