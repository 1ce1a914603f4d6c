"""API token authentication that respects the second-factor rule.

A token is created only after the second factor was verified in the session (see
``services.may_hold_api_token``). If the user later needs a second factor but has no confirmed
device (e.g. a participant-data role was granted after the token was made), the token is refused.
To apply it to the whole API, put it in ``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]`` in
place of ``rest_framework.authentication.TokenAuthentication``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ksr.accounts.services import confirmed_device, second_factor_required


class SecondFactorTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if second_factor_required(user) and confirmed_device(user) is None:
            raise exceptions.AuthenticationFailed(_("Set up your second factor (TOTP) before using the API."))
        return user, token
