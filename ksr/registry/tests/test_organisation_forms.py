from django.urls import reverse
from django.utils import translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.forms import OrganisationForm
from ksr.registry.models import Organisation
from ksr.testing import unit

CREATE = reverse("registry:organisation_create")


def _post(**overrides):
    data = {
        "name": "Fundacja Razem",
        "kind": "foundation",
        "reintegration_goal": "main",
        "operating_level": "local",
        "seat": "1465011",
        "area": "1465011\n1432",
        "sectors": ["education", "sport"],
        "nip": "526-025-02-74",
        "regon": "",
        "krs": "",
    }
    data.update(overrides)
    return data


def test_create_page_has_labelled_fields_and_help(cast, login):
    response = login(cast.analyst).get(CREATE)
    assert response.status_code == 200
    text = response.text
    assert text.count("<h1>") == 1
    assert 'for="id_nip"' in text and "id_nip_helptext" in text
    assert "stakeholder_type" not in text


def test_create_an_ngo_with_main_goal_is_type_a(cast, login):
    unit("1432")
    response = login(cast.analyst).post(CREATE, _post())
    org = Organisation.objects.get(name="Fundacja Razem")
    assert response.status_code == 302 and response.url == reverse("registry:organisation_detail", args=[org.pk])
    assert org.stakeholder_type == "A"
    assert org.nip == "5260250274"
    assert sorted(org.sectors.values_list("code", flat=True)) == ["education", "sport"]
    assert sorted(org.area.values_list("code", flat=True)) == ["1432", "1465011"]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(org.pk)).exists()
    detail = login(cast.analyst).get(response.url)
    assert "Typ A" in detail.text or "Type A" in detail.text


def test_invalid_nip_shows_the_polish_message(cast, login):
    with translation.override("pl"):
        response = login(cast.analyst).post(CREATE, _post(nip="1234567890"))
    assert response.status_code == 400  # the form page answers 400 to a refused POST
    assert "NIP ma błędną cyfrę kontrolną; sprawdź numer." in response.text
    assert not Organisation.objects.filter(name="Fundacja Razem").exists()


def test_seat_outside_the_territory_is_not_a_choice(cast, login):
    response = login(cast.analyst).post(CREATE, _post(seat="1261011"))
    assert response.status_code == 400  # the form page answers 400 to a refused POST
    assert response.context["form"].errors["seat"]
    assert not Organisation.objects.filter(name="Fundacja Razem").exists()


def test_update_through_the_form(cast, login):
    client = login(cast.kis_manager)
    url = reverse("registry:organisation_update", args=[cast.kis_waw.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(seat="1465011", area="", phone="22 111 22 33", sectors=[], is_active="on")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    cast.kis_waw.refresh_from_db()
    assert cast.kis_waw.phone == "22 111 22 33"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(cast.kis_waw.pk))
    assert entry.changes["phone"] == ["", "22 111 22 33"]


def test_form_limits_parents_to_visible_organisations(cast):
    form = OrganisationForm(user=cast.zenon)
    assert list(form.fields["parent"].queryset) == [cast.kis_krk]


def test_duplicate_nip_in_the_form(cast, login):
    cast.ops_waw.nip = "5260250274"
    cast.ops_waw.save()
    with translation.override("pl"):
        response = login(cast.analyst).post(CREATE, _post())
    assert "Inna organizacja w rejestrze ma już ten NIP." in response.text
