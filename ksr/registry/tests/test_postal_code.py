"""A Polish postal code is NN-NNN wherever one is stored (issue 10, §3): service, form and API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ksr.registry import services
from ksr.registry.models import Organisation
from ksr.registry.validators import check_postal_code
from ksr.testing import unit

pytestmark = pytest.mark.django_db
WRONG = ["12345", "1-2345", "123-45", "12-34", "12-3456", "12 345", "١٢-٣٤٥"]
MESSAGE = "00-950"


@pytest.mark.parametrize("code", WRONG)
def test_the_check_refuses_anything_but_nn_nnn(code):
    with pytest.raises(ValidationError):
        check_postal_code(code)


def test_the_check_accepts_nn_nnn_and_nothing():
    check_postal_code("00-950")
    check_postal_code("")


def _data(**extra):
    return {"name": "Fundacja Kod", "kind": "foundation", "seat": unit("1465011"), **extra}


def test_service_refuses_12345(cast):
    with pytest.raises(ValidationError) as refused:
        services.do_create_organisation(_data(postal_code="12345"), actor=cast.analyst)
    assert MESSAGE in str(refused.value.message_dict["postal_code"])
    assert not Organisation.objects.filter(name="Fundacja Kod").exists()
    assert services.do_create_organisation(_data(postal_code="00-950"), actor=cast.analyst).postal_code == "00-950"


def test_form_refuses_12345(cast, login):
    client = login(cast.analyst)
    data = {
        "name": "Fundacja Kod",
        "kind": "foundation",
        "reintegration_goal": "main",
        "operating_level": "local",
        "seat": "1465011",
        "area": "1465011",
        "sectors": ["education"],
    }
    response = client.post(reverse("registry:organisation_create"), {**data, "postal_code": "12345"})
    assert response.status_code in (200, 400) and MESSAGE in response.content.decode()
    assert not Organisation.objects.filter(name="Fundacja Kod").exists()
    response = client.post(reverse("registry:organisation_create"), {**data, "postal_code": "00-950"})
    assert response.status_code == 302


def test_api_refuses_12345(cast, login):
    client = login(cast.analyst)
    body = {"name": "Fundacja Kod", "kind": "foundation", "seat": "1465011", "sectors": ["education"]}
    url = "/api/v1/registry/organisations/"
    response = client.post(url, {**body, "postal_code": "12345"}, content_type="application/json")
    assert response.status_code == 400 and "postal_code" in response.json()
    assert not Organisation.objects.filter(name="Fundacja Kod").exists()
    response = client.post(url, {**body, "postal_code": "00-950"}, content_type="application/json")
    assert response.status_code == 201, response.content
