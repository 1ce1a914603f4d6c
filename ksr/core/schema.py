"""The OpenAPI schema class (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``)."""

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin

_ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})
_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input: each field named, with its messages (or `detail`, `non_field_errors`).",
)


class KsrAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error answers every operation can give documented.

    Corrections so that the schema says what the API answers:
    - a read-only choice may be blank (DRF drops ``allow_blank`` from read-only model fields, so a
      blank stored value was outside the published enum);
    - a read-only field over a nullable model field (or a property typed ``… | None``) may be null;
    - an unpaginated ``list`` that a view writes itself with ``@extend_schema(responses=OneSerializer)``
      (one object, such as ``/accounts/me/``) is not an array.
    """

    def _map_serializer_field(self, field: Any, direction: Any, bypass_extensions: bool = False) -> Any:
        if field.read_only:
            if isinstance(field, serializers.ChoiceField) and not field.allow_blank:
                field.allow_blank = True
            if not field.allow_null and _nullable_model_field(field):
                field.allow_null = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _is_list_view(self, serializer: Any = None) -> bool:
        if not super()._is_list_view(serializer):
            return False
        own_list = getattr(type(self.view), "list", None)
        single_object = (
            getattr(self.view, "action", None) == "list"
            and getattr(self.view, "pagination_class", None) is None
            and own_list is not None
            and own_list is not getattr(ListModelMixin, "list", None)
            and serializer is not None
            and not isinstance(serializer, serializers.ListSerializer)
            and not getattr(serializer, "many", False)
        )
        return not single_object

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        method = self.method.upper()
        defaults: dict[str, Any] = {}
        if method in {"POST", "PUT", "PATCH"} or self._has_parameters():
            defaults["400"] = _ERRORS
        if self.get_auth():
            defaults["401"] = OpenApiResponse(_ERROR, description="Not signed in (see WWW-Authenticate).")
        defaults["403"] = OpenApiResponse(_ERROR, description="Not allowed.")
        if self._is_object_path() or method != "GET":
            defaults["404"] = OpenApiResponse(_ERROR, description="No such object (or not yours).")
        if method in {"POST", "PUT", "PATCH"}:
            defaults["413"] = OpenApiResponse(_ERROR, description="The request body is too large.")
        for code, response in defaults.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses

    def _has_parameters(self) -> bool:
        return bool(self._get_filter_parameters() or self._get_pagination_parameters() or "{" in self.path)

    def _is_object_path(self) -> bool:
        return "{" in self.path


def _nullable_model_field(field: Any) -> bool:
    """Whether a serializer field reads a model field that allows NULL (or a property that may return None)."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source or field.source == "*":
        return False
    try:
        return bool(model._meta.get_field(field.source).null)
    except FieldDoesNotExist:  # a property or a method: does its return type admit None?
        attribute = getattr(model, field.source, None)
        function = attribute.fget if isinstance(attribute, property) else getattr(attribute, "func", attribute)
        returns = str(getattr(function, "__annotations__", {}).get("return", ""))
        return "None" in returns or "Optional" in returns
