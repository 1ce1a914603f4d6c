from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults

from ksr.accounts.scope import scope_for
from ksr.core import exports
from ksr.core.access import login_required, public
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


@login_required
def export_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """The progress of a background export and, once written, its download link (htmx polls it)."""
    job = exports.get_job(job_id)
    if job is None or job["user"] != request.user.pk:
        raise Http404
    context = {
        "job": job,
        "job_id": job_id,
        "percent": min(100, round(100 * job["rows"] / job["total"])) if job["total"] else 100,
        "download": exports.download_token(job_id) if job["status"] == "done" else None,
        "hours": settings.KSR_EXPORT_LINK_HOURS,
    }
    template = "core/_export_job.html" if getattr(request, "htmx", False) else "core/export_job.html"
    return render(request, template, context)


@login_required
def export_download(request: HttpRequest, token: str) -> FileResponse:
    """The file of a background export, through a signed link that expires; only for its owner."""
    job_id = exports.job_of_token(token)
    job = exports.get_job(job_id) if job_id else None
    if job is None or job["user"] != request.user.pk or not job["name"] or not default_storage.exists(job["name"]):
        raise Http404
    filename = job["name"].rsplit("/", 1)[-1]
    return FileResponse(default_storage.open(job["name"], "rb"), as_attachment=True, filename=filename)
