from django.http import HttpRequest, HttpResponse

from ksr.core.access import login_required, public  # noqa: F401


@public
def placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("TODO accounts:profile")
