"""Request-level limits that must act before a view (or anything else) reads the body."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Answer 413 to a body declared larger than allowed, without reading it.

    Uploads (``multipart/form-data``) may reach ``settings.KSR_MAX_REQUEST_BYTES``; any other
    body ``DATA_UPLOAD_MAX_MEMORY_SIZE``. The API answers JSON, pages plain text. A body sent
    without a length (chunked) is held to the same limits by Django's form parsing and by
    ``ksr.core.api.JSONParser``, which never read past them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        content_type = request.META.get("CONTENT_TYPE", "")
        limit = (
            settings.KSR_MAX_REQUEST_BYTES
            if content_type.startswith("multipart/form-data")
            else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        if length < 0 or (limit is not None and length > limit):
            message = _("The request body is too large.") if length >= 0 else _("The Content-Length is not valid.")
            status = 413 if length >= 0 else 400
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=status)
            return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
