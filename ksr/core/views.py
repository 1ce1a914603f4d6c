from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ksr.accounts.scope import scope_for
from ksr.core.access import public


@public
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {}
    if request.user.is_authenticated:
        from ksr.cooperation.queries import ALERT_ROLES, overdue_forums

        if scope_for(request.user).has_any_role(ALERT_ROLES):
            # Overdue forum meetings alert the LSR coordinator and the regional animator (issue 3 §4).
            context["cooperation_overdue"] = overdue_forums(request.user)
    return render(request, "core/home.html", context)
