"""API token authentication (django-rest-knox) that respects the second-factor rule.

Tokens are stored as hashes with an expiry (``REST_KNOX``); a client sends
``Authorization: Token <key>``. A token is issued only after the second factor (``POST
/api/v1/auth/token/`` with the TOTP code, or the account page in a verified session). Confirming a
new second factor revokes every earlier token (``services.do_confirm_totp_device``), and a user
who needs a second factor but has no confirmed device has every token refused here.

This class comes first in ``DEFAULT_AUTHENTICATION_CLASSES``: its scheme is the
``WWW-Authenticate`` header of the 401 that an unauthenticated API call receives.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework import exceptions

from ksr.accounts.services import confirmed_device, second_factor_required


class SecondFactorTokenAuthentication(TokenAuthentication):
    def validate_user(self, auth_token: Any) -> tuple[Any, Any]:
        user, token = super().validate_user(auth_token)
        device = confirmed_device(user)
        if second_factor_required(user) and device is None:
            raise exceptions.AuthenticationFailed(_("Set up your second factor (TOTP) before using the API."))
        return user, token


class SecondFactorTokenScheme(OpenApiAuthenticationExtension):
    """How the schema documents the token (``POST /api/v1/auth/token/`` issues one)."""

    target_class = SecondFactorTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <key>`. Obtain a key with `POST /api/v1/auth/token/` (username, password and the "
                "TOTP code where required) or on the account page. Keys expire; an unauthenticated call "
                "answers 401 with `WWW-Authenticate: Token`."
            ),
        }
