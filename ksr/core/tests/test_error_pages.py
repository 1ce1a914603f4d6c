"""Errors answer the product's own pages in the user's language, with DEBUG off as under ``make run``."""

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from ksr.core.views import server_error

pytestmark = pytest.mark.django_db


def test_a_404_is_the_products_polish_page(client):
    assert settings.DEBUG is False
    response = client.get("/nie-ma-takiej-strony/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Nie ma takiej strony" in html and "Przejdź do strony głównej" in html
    assert 'class="main-nav"' in html  # it extends the base template: the menu is there
    assert "Using the URLconf" not in html  # not Django's debug page listing the URL patterns


def test_a_404_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/nie-ma-takiej-strony/").content.decode()
    assert "There is no such page" in html and "Go to the home page" in html


def test_a_403_is_the_products_page(cast, login):
    response = login(cast.analyst).get(reverse("registers:entry_create"))
    assert response.status_code == 403
    assert "Brak dostępu" in response.content.decode()


def test_the_500_page_stands_alone_in_both_languages():
    html = render_to_string("500.html")  # no context, no base template: it cannot fail
    assert "Błąd serwera" in html and "Server error" in html and "{%" not in html
    response = server_error(RequestFactory().get("/strona/"))
    assert response.status_code == 500 and "Błąd serwera" in response.content.decode()


def test_static_files_are_served_with_debug_off(client):
    response = client.get("/static/ksr/css/app.css")
    assert response.status_code == 200
    assert b".main-nav" in b"".join(response.streaming_content)
