"""Builders for animation tests (written through the services, as the product does)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ksr.animation import services
from ksr.animation.models import Animator, ZrarTeam
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit


def team(cast: Any, code: str = "14") -> ZrarTeam:
    if code == "14":
        host = cast.rops_maz
    else:
        host = OrganisationFactory(name=f"ROPS {code}", kind=OrganisationKind.ROPS, seat=unit(f"{code}61011"))
    return services.do_create_team(unit(code), host, f"ZRAR {code}", actor=cast.admin)


def animator(
    cast: Any, home: Any = None, *, code: str = "14", team_: ZrarTeam | None = None, name: str = "Anna Nowak"
) -> Animator:
    return services.do_create_animator(
        {"full_name": name, "home_institution": home or cast.ops_waw, "region": unit(code), "team": team_},
        actor=cast.admin,
    )


def certified(cast: Any, home: Any = None, **kwargs: Any) -> Animator:
    a = animator(cast, home, **kwargs)
    services.do_record_module(a, "Moduł 1", dt.date(2026, 3, 1), actor=cast.admin)
    services.do_change_animator_status(a, "trained", actor=cast.admin)
    services.do_record_examination(a, dt.date(2026, 4, 1), "passed", None, actor=cast.admin)
    a.refresh_from_db()
    return a
