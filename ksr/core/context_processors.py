from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ksr.accounts.scope import scope_for


def ksr(request: HttpRequest) -> dict[str, Any]:
    from ksr.audit.models import can_browse_audit

    user = getattr(request, "user", None)
    scope = scope_for(user)
    return {
        "ksr_scope": scope,
        "ksr_can_browse_audit": can_browse_audit(user) if scope.authenticated else False,
        "ksr_demo": getattr(settings, "KSR_DEMO", False),
    }
