"""``{% document_links record %}``: the record's documents (PDF, ODT), their identifiers and
whether the signed copy is on file."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from ksr.documents.models import IssuedDocument
from ksr.documents.registry import kinds_for

register = template.Library()


@register.inclusion_tag("documents/_links.html")
def document_links(record: Any, codes: str = "") -> dict[str, Any]:
    """Links to ``record``'s documents; ``codes`` (space-separated) picks some of its kinds."""
    chosen = codes.split()
    kinds = [k for k in kinds_for(record) if not chosen or k.code in chosen] if record is not None else []
    issued: dict[str, IssuedDocument] = {}
    if kinds:
        content_type = ContentType.objects.get_for_model(record)
        issued = {
            d.kind: d
            for d in IssuedDocument.objects.filter(
                content_type=content_type, object_id=record.pk, kind__in=[k.code for k in kinds]
            )
        }
    return {"items": [{"kind": k, "record": record, "issued": issued.get(k.code)} for k in kinds]}
