from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from ksr.accounts.scope import scope_for
from ksr.core.access import public
from ksr.core.home import home_panels


@public
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"home_panels": []}
    if request.user.is_authenticated:
        scope = scope_for(request.user)
        for panel in home_panels():
            if not panel.roles or scope.has_any_role(panel.roles):
                context.update(panel.context(request))
                context["home_panels"].append(panel.template)
    return render(request, "core/home.html", context)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: the API answers JSON (e.g. a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``)."""
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: the API answers JSON (an unknown path, or an id that is not a number)."""
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the API answers JSON."""
    if _is_api(request):
        return JsonResponse({"detail": _("Server error.")}, status=500)
    return defaults.server_error(request)
