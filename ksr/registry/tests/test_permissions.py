"""Who sees and who edits organisations: 404 outside the scope, 403 when visible but not editable."""

import pytest
from django.urls import reverse

from ksr.registry.models import Organisation, Person


def detail(org):
    return reverse("registry:organisation_detail", args=[org.pk])


def update(org):
    return reverse("registry:organisation_update", args=[org.pk])


def test_zenon_from_krakow_gets_404_on_a_warsaw_organisation(cast, login):
    client = login(cast.zenon)
    assert client.get(detail(cast.kis_waw)).status_code == 404
    assert client.get(update(cast.kis_waw)).status_code == 404
    assert client.get(reverse("registry:person_create", args=[cast.kis_waw.pk])).status_code == 404
    assert client.get(detail(cast.kis_krk)).status_code == 200


def test_nobody_sees_an_empty_list(cast, login):
    response = login(cast.nobody).get(reverse("registry:organisation_list"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    assert "Register an organisation" not in response.text


def test_anonymous_is_sent_to_login(cast, client):
    response = client.get(reverse("registry:organisation_list"))
    assert response.status_code == 302
    assert client.get(detail(cast.kis_waw)).status_code == 302


def test_partner_can_view_but_not_edit(cast, login):
    client = login(cast.partner)
    response = client.get(detail(cast.library_waw))
    assert response.status_code == 200
    assert update(cast.library_waw) not in response.text
    assert client.get(update(cast.library_waw)).status_code == 403
    assert client.post(update(cast.library_waw), {"name": "x"}).status_code == 403
    assert client.get(reverse("registry:organisation_create")).status_code == 403


def test_analyst_edits_in_the_voivodeship(cast, login):
    client = login(cast.analyst)
    response = client.get(detail(cast.library_waw))
    assert update(cast.library_waw) in response.text
    assert client.get(update(cast.library_waw)).status_code == 200
    assert client.get(detail(cast.kis_krk)).status_code == 404


def test_officer_cannot_edit_organisations(cast, login):
    client = login(cast.officer)
    assert client.get(detail(cast.kis_waw)).status_code == 200
    assert client.get(update(cast.kis_waw)).status_code == 403
    assert client.get(reverse("registry:organisation_create")).status_code == 403
    assert client.get(reverse("registry:organisation_import")).status_code == 403


def test_national_analyst_reads_everything_but_cannot_register(cast, login):
    client = login(cast.national)
    assert client.get(detail(cast.kis_krk)).status_code == 200
    assert client.get(reverse("registry:organisation_create")).status_code == 403
    assert client.get(update(cast.kis_krk)).status_code == 403


def test_manager_edits_own_organisation_only(cast, login):
    client = login(cast.kis_manager)
    assert client.get(update(cast.kis_waw)).status_code == 200
    assert client.get(update(cast.ops_waw)).status_code == 403


@pytest.mark.parametrize(
    ("role_user", "expected"),
    [
        ("admin", {"kis_waw", "kis_krk", "ops_waw"}),
        ("analyst", {"kis_waw", "ops_waw"}),
        ("coordinator", {"kis_waw", "ops_waw"}),
        ("kis_manager", {"kis_waw"}),
        ("partner", set()),
        ("officer", set()),
        ("zenon", {"kis_krk"}),
        ("nobody", set()),
    ],
)
def test_editable_matrix(cast, role_user, expected):
    user = getattr(cast, role_user)
    orgs = {name: getattr(cast, name) for name in ("kis_waw", "kis_krk", "ops_waw")}
    editable = set(Organisation.objects.editable_by(user).values_list("pk", flat=True))
    assert {name for name, org in orgs.items() if org.pk in editable} == expected


def test_people_of_invisible_organisations_are_hidden(cast):
    from ksr.testing import PersonFactory

    PersonFactory(organisation=cast.kis_waw)
    assert Person.objects.visible_to(cast.zenon).count() == 0
    assert Person.objects.visible_to(cast.kis_manager).count() == 1
