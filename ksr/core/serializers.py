"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)  # the queryset depends on the user, so the schema cannot read the model
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related id among the objects of `model` the requesting user may see (`model.objects.visible_to(user)`)."""

    def __init__(self, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        rows: QuerySet[Any] = self.model.objects.visible_to(getattr(request, "user", None))
        return rows
