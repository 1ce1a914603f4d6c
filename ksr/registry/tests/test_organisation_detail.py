from django.urls import reverse
from django.utils import translation

from ksr.registry.services import do_update_organisation
from ksr.testing import PersonFactory


def test_detail_explains_the_type_in_polish(cast, login):
    with translation.override("pl"):
        response = login(cast.kis_manager).get(reverse("registry:organisation_detail", args=[cast.ops_waw.pk]))
    text = response.text
    assert text.count("<h1>") == 1
    assert "Typ B, ponieważ reintegracja jest jednym z jej celów statutowych." in text
    assert "To status typowy dla rodzaju" in text
    assert "2. Instytucja pomocy społecznej" in text
    assert reverse("registry:organisation_update", args=[cast.ops_waw.pk]) not in text


def test_stated_goal_is_explained(cast, login):
    do_update_organisation(cast.library_waw, {"reintegration_goal": "main"}, actor=cast.admin)
    response = login(cast.admin).get(reverse("registry:organisation_detail", args=[cast.library_waw.pk]))
    assert "Typ A, ponieważ reintegracja jest jej głównym celem statutowym." in response.text
    assert "podano dla tej organizacji" in response.text


def test_detail_lists_people_and_edit_links_for_editors(cast, login):
    person = PersonFactory(organisation=cast.kis_waw, last_name="Zielińska")
    response = login(cast.kis_manager).get(reverse("registry:organisation_detail", args=[cast.kis_waw.pk]))
    assert "Zielińska" in response.text
    assert reverse("registry:person_update", args=[cast.kis_waw.pk, person.pk]) in response.text
    assert reverse("registry:organisation_update", args=[cast.kis_waw.pk]) in response.text


def test_detail_empty_people_state(cast, login):
    response = login(cast.admin).get(reverse("registry:organisation_detail", args=[cast.kis_krk.pk]))
    assert 'class="empty"' in response.text
