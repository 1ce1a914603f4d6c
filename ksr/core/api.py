"""Shared pieces of the REST API (``/api/v1/``)."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, permissions
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class KsrAPIMixin:
    """Base of every KSR API view: signed-in users only, objects scoped in ``get_queryset``.

    Views that must be reachable without login set ``ksr_access = "public"`` and
    ``permission_classes = [AllowAny]`` explicitly.
    """

    ksr_access = "authenticated"
    permission_classes: Any = [permissions.IsAuthenticated]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the services' Django exceptions as API answers.

    A service raises ``django.core.exceptions.ValidationError`` (400, with the field messages as
    DRF gives them: ``{"field": ["…"], "non_field_errors": ["…"]}``) or ``PermissionDenied`` (403,
    with its message). Views therefore call services without a ``try/except`` of their own.
    """
    if isinstance(exc, DjangoValidationError):
        exc = drf_validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args[:1])
    return drf_exception_handler(exc, context)


def drf_validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ``ValidationError`` in DRF's shape (for the rare caller that must raise it itself)."""
    if hasattr(error, "error_dict"):
        detail: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name
            detail.setdefault(key, []).extend(messages)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})
