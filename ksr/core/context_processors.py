from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ksr.accounts.scope import scope_for


def ksr(request: HttpRequest) -> dict[str, Any]:
    scope = scope_for(getattr(request, "user", None))
    return {
        "ksr_scope": scope,
        "ksr_demo": getattr(settings, "KSR_DEMO", False),
    }
