from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
