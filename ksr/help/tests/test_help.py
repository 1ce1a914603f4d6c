import pytest
from django.test import override_settings
from django.urls import get_resolver, reverse
from django.utils import translation
from django.utils.html import escape

from ksr.help.glossary import TERMS
from ksr.help.topics import BY_SLUG, NAMESPACE_TOPICS, SCREEN_TOPICS, TOPICS, topic_for

# The Django admin has its own help; every other area of the product needs a topic.
WITHOUT_TOPIC = {"admin"}


def test_every_area_of_the_product_has_a_help_topic():
    namespaces = set(get_resolver().namespace_dict) - WITHOUT_TOPIC
    assert namespaces <= set(NAMESPACE_TOPICS), namespaces - set(NAMESPACE_TOPICS)
    assert set(NAMESPACE_TOPICS.values()) | set(SCREEN_TOPICS.values()) <= set(BY_SLUG)


def test_a_screen_without_its_own_topic_gets_its_area_s_and_an_unknown_one_the_start():
    assert topic_for("registry", "organisation_list").slug == "organisations"
    assert topic_for("privacy", "aggregates").slug == "analytics"
    assert topic_for("", "api-docs").slug == "start"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_topic_page_renders(client, lang):
    client.cookies["django_language"] = lang
    for topic in TOPICS:
        response = client.get(reverse("help:topic", args=[topic.slug]))
        assert response.status_code == 200, topic.slug
        with translation.override(lang):
            assert escape(str(topic.title)) in response.content.decode(), topic.slug


def test_the_topic_page_is_in_polish_with_its_basis(client):
    text = client.get(reverse("help:topic", args=["services"])).content.decode()
    assert "Usługi, zajęcia i obecność" in text
    assert "40 godzin dydaktycznych" in text
    assert "Standard certyfikacji KIS" in text


def test_an_unknown_topic_answers_404(client):
    assert client.get("/pomoc/nie-ma-takiego/").status_code == 404


def test_the_glossary_explains_the_network_s_terms(client):
    text = client.get(reverse("help:glossary")).content.decode()
    for abbreviation in ("KIS", "CIS", "LSR", "IPD", "IPZS", "ZSL", "ROWR", "KOWR", "ZRAR", "OSAR"):
        assert f">{abbreviation}</abbr>" in text, abbreviation
    assert len(TERMS) == text.count("<dt>")
    assert "Klub integracji społecznej: lokalne miejsce" in text


def test_every_screen_shows_its_short_help_and_the_link(cast, login):
    text = login(cast.kis_manager).get(reverse("registry:organisation_list")).content.decode()
    assert 'class="screen-help"' in text
    assert "Więcej w pomocy: Organizacje" in text
    assert reverse("help:topic", args=["organisations"]) in text


def test_the_help_index_is_public_and_lists_every_topic(client):
    text = client.get(reverse("help:index")).content.decode()
    for topic in TOPICS:
        assert reverse("help:topic", args=[topic.slug]) in text


@override_settings(LANGUAGE_CODE="en")
def test_english_help(client):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("help:topic", args=["privacy"])).content.decode()
    assert "Consents and personal data" in text
    assert "RODO art. 5 ust. 1 lit. c i e, art. 9 ust. 1, art. 15" in text
