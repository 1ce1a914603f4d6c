"""The interface language kept on the account.

The header's language switch (``set_language``) stores the choice on the signed-in user's account
as well as in the cookie; ``AccountLanguageMiddleware`` (after the authentication middleware)
applies the account's language to every request of that user, whichever browser they sign in
from, and puts it in the cookie so the sign-out page keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.i18n import set_language as django_set_language

from ksr.accounts.models import User
from ksr.audit.services import record_update, snapshot
from ksr.core.types import AnyUser


def _account_language(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else ""


class AccountLanguageMiddleware:
    """Speak the language kept on the signed-in user's account (when they chose one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = _account_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = _account_language(request)  # the switch may have changed it meanwhile
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language``; for a signed-in user the choice is also kept on the account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if request.method == "POST" and user.is_authenticated and language in dict(settings.LANGUAGES):
        do_set_language(user, language, actor=user)
    return response


@transaction.atomic
def do_set_language(user: User, language: str, *, actor: AnyUser) -> User:
    """Keep ``language`` on ``user``'s account (the user themselves only)."""
    if actor.pk != user.pk:
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": [_("Choose a language.")]})
    if user.language != language:
        before = snapshot(user)
        user.language = language
        user.save(update_fields=["language"])
        record_update(user, before, actor=actor)
    return user
