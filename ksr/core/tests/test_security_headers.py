"""Every response carries a Content-Security-Policy without inline scripts, a Permissions-Policy
and a Referrer-Policy; no template holds an inline script or event-handler attribute."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

PAGES = ["/", "/accounts/login/", "/api/v1/territory/units/", "/api/docs/", "/api/redoc/", "/nie-ma-takiej/"]


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_has_the_security_headers(client, path):
    response = client.get(path)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp.get("script-src", []) and "'unsafe-eval'" not in csp.get("script-src", [])
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_signed_in_pages_and_the_admin_have_them_too(cast, login):
    client = login(cast.admin)
    for path in ["/", "/admin/", "/api/v1/audit/entries/"]:
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        assert response["Permissions-Policy"] and response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_api_docs_start_from_a_script_file(client):
    html = client.get("/api/docs/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    script = client.get("/api/docs/?script")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def _templates() -> list[Path]:
    return list((Path(settings.BASE_DIR) / "ksr").rglob("templates/**/*.html"))


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    handler = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if inline_script.search(text) or handler.search(text):
            offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert offenders == []
