"""The template context of every page: the user's scope and which parts of the menu they see."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.models import can_browse_audit

# Who sees which part of the main menu (each page still checks its own rule).
HOLDER_ROLES = (Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)
SENDER_ROLES = (Role.OPS_SOCIAL_WORKER,)
ANIMATION_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST, Role.NATIONAL_ANALYST)
REGISTER_KEEPER_ROLES = (Role.REGISTER_OFFICER, Role.SYSTEM_ADMIN)
ABOVE_CLUB_ROLES = (Role.LSR_COORDINATOR, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR, Role.NATIONAL_ANALYST)


def ksr(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_for(user)
    roles = scope.roles
    return {
        "ksr_scope": scope,
        "ksr_can_browse_audit": can_browse_audit(user) if scope.authenticated else False,
        "ksr_nav": {
            "cases": bool(roles.intersection(HOLDER_ROLES)),
            "referrals": bool(roles.intersection(SENDER_ROLES)),
            "partner": Role.PARTNER_REPRESENTATIVE in roles,
            "aggregates": bool(roles.intersection(ABOVE_CLUB_ROLES)) or Role.SYSTEM_ADMIN in roles,
            "animation": bool(roles.intersection(ANIMATION_ROLES)) or Role.SYSTEM_ADMIN in roles,
            # The register officers' work area (the others see the public register).
            "register_keeper": bool(roles.intersection(REGISTER_KEEPER_ROLES)),
        },
        "ksr_demo": getattr(settings, "KSR_DEMO", False),
    }
