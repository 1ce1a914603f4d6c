from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ksr.territory.models import TerritorialUnit


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: TERYT changes only through ``manage.py load_teryt`` (ksr.territory.services)."""

    list_display = ["code", "name", "level", "kind", "description", "parent", "valid_from", "retired_on"]
    list_filter = ["level", "kind", ("retired_on", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "name_folded"]
    list_select_related = ["parent"]
    ordering = ["code"]
    readonly_fields = [f.name for f in TerritorialUnit._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
