"""The home page shows the panels the apps register, to the roles they name."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ksr.accounts.choices import Role
from ksr.core import home


@pytest.fixture
def panel():
    seen = []

    def context(request):
        seen.append(request.user)
        return {"panel_text": "Forums behind"}

    home.register_home_panel("test", "core/_form_errors.html", context, roles=[Role.LSR_COORDINATOR])
    yield seen
    home._panels.pop("test")


def test_a_panel_is_computed_for_the_roles_it_names(login, cast, panel):
    response = login(cast.coordinator).get(reverse("core:home"))
    assert response.status_code == 200
    assert "core/_form_errors.html" in response.context["home_panels"]
    assert response.context["panel_text"] == "Forums behind"
    assert panel == [cast.coordinator]


def test_a_panel_is_not_computed_for_other_users(login, client, cast, panel):
    assert "core/_form_errors.html" not in login(cast.partner).get(reverse("core:home")).context["home_panels"]
    client.logout()
    assert client.get(reverse("core:home")).context["home_panels"] == []
    assert panel == []


def test_the_cooperation_alerts_are_registered():
    assert any(p.template == "cooperation/_alerts.html" for p in home.home_panels())
