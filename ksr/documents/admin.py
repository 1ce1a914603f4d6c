"""Issued documents and the organisations' document settings, read-only for administrators (writes
go through ``ksr.documents.services``)."""

from django.contrib import admin

from ksr.core.admin import ReadOnlyAdmin
from ksr.documents.models import DocumentSettings, IssuedDocument


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "title", "organisation", "issued_at", "signed_copy_at"]
    list_filter = ["kind", "year"]
    search_fields = ["identifier"]
    list_select_related = ["organisation"]


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "code", "header_name"]
    list_select_related = ["organisation"]
