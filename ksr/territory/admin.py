from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.territory.models import TerritorialUnit


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(ReadOnlyAdmin):
    """Read-only: TERYT changes only through ``manage.py load_teryt`` (ksr.territory.services)."""

    list_display = ["code", "name", "level", "kind", "description", "parent", "valid_from", "retired_on"]
    list_filter = ["level", "kind", ("retired_on", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "name_folded"]
    list_select_related = ["parent"]
    ordering = ["code"]
    readonly_fields = [f.name for f in TerritorialUnit._meta.fields]
