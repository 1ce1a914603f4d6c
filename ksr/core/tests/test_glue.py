"""The shared glue: the API exception handler and the form page."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from rest_framework.settings import api_settings

from ksr.core.api import exception_handler
from ksr.core.forms import add_service_errors
from ksr.core.pages import form_page

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


# --- the API exception handler --------------------------------------------------------------


def test_a_service_validation_error_answers_400_with_field_messages():
    error = ValidationError({"name": ["Too short."], "__all__": ["Not now."]})
    response = exception_handler(error, {})
    assert response.status_code == 400
    assert response.data == {"name": ["Too short."], NON_FIELD: ["Not now."]}


def test_a_plain_validation_error_lands_in_non_field_errors():
    response = exception_handler(ValidationError("Not now."), {})
    assert response.status_code == 400
    assert response.data == {NON_FIELD: ["Not now."]}


def test_permission_denied_answers_403_with_its_message():
    response = exception_handler(PermissionDenied("Not yours."), {})
    assert response.status_code == 403
    assert str(response.data["detail"]) == "Not yours."


def test_other_exceptions_are_left_to_django():
    assert exception_handler(KeyError("x"), {}) is None


# --- the form page ---------------------------------------------------------------------------


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="get", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(request, save):
    form = NameForm(request.POST or None)
    response = form_page(request, form, save, title="Name", back_url="/back/", success="Saved.")
    return form, response


@pytest.mark.django_db
def test_get_shows_the_form():
    _, response = _page(_request(), lambda data: pytest.fail("no save on GET"))
    assert response.status_code == 200
    assert b'name="name"' in response.content


@pytest.mark.django_db
def test_an_invalid_post_answers_400_and_saves_nothing():
    form, response = _page(_request("post", {"name": ""}), lambda data: pytest.fail("no save on invalid input"))
    assert response.status_code == 400
    assert "name" in form.errors


@pytest.mark.django_db
def test_a_service_error_lands_on_the_form():
    def save(data):
        raise ValidationError({"name": ["Taken."], "missing_field": ["Elsewhere."]})

    form, response = _page(_request("post", {"name": "Ala"}), save)
    assert response.status_code == 400
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Elsewhere."]
    assert b"Taken." in response.content


@pytest.mark.django_db
def test_success_saves_flashes_and_redirects():
    saved = []
    request = _request("post", {"name": "Ala"})
    _, response = _page(request, saved.append)
    assert saved == [{"name": "Ala"}]
    assert response.status_code == 302
    assert response.url == "/back/"
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_add_service_errors_puts_a_plain_error_on_top():
    form = NameForm({"name": "Ala"})
    form.is_valid()
    add_service_errors(form, ValidationError("Not now."))
    assert form.non_field_errors() == ["Not now."]
