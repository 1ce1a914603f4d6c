"""The OpenAPI schema class (``REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]``)."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

_ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})
_ERRORS = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="Invalid input: each field named, with its messages (or `detail`, `non_field_errors`).",
)


class KsrAutoSchema(AutoSchema):
    """drf-spectacular's schema, with the error answers every operation can give documented."""

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
