"""Shared pieces of the REST API (``/api/v1/``)."""

from typing import Any

from rest_framework import permissions
from rest_framework.pagination import PageNumberPagination


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
