"""Small helpers shared by the registry tests."""

from __future__ import annotations

from typing import Any

from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Sector
from ksr.testing import unit

VALID_NIP = "5260250274"  # Ministry of Finance
VALID_NIP_2 = "7251801126"
VALID_REGON = "000002217"
VALID_KRS = "0000123456"


def org_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Stowarzyszenie Łączy Nas",
        "kind": OrganisationKind.ASSOCIATION,
        "seat": unit("1465011"),
        "sectors": [Sector.objects.get(code="culture")],
        "area": [unit("1465011")],
    }
    data.update(overrides)
    return data
