"""Serializer fields shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related id among the objects of `model` the requesting user may see (`model.objects.visible_to(user)`)."""

    def __init__(self, model: Any, **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        rows: QuerySet[Any] = self.model.objects.visible_to(getattr(request, "user", None))
        return rows
