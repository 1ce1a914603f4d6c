"""The consulting services card is append-only at every level: model, service, view, API, admin."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ksr.audit.models import AuditEntry
from ksr.plans.choices import CardPart
from ksr.plans.models import ServiceCardEntry
from ksr.plans.services import do_add_card_entry
from ksr.plans.tests.helpers import TODAY, make_case, make_entry

pytestmark = pytest.mark.django_db


def test_model_refuses_edit_and_delete(cast):
    entry = make_entry(cast, make_case(cast))
    entry.effects = "zmienione"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ServiceCardEntry.objects.filter(pk=entry.pk).update(effects="x")
    with pytest.raises(TypeError):
        ServiceCardEntry.objects.all().delete()
    assert ServiceCardEntry.objects.get(pk=entry.pk).effects == ""


def test_service_creates_signed_entry_and_audits(cast):
    case = make_case(cast)
    entry = make_entry(cast, case, actor=cast.specialist, participant_signed=True, participant_signed_on=TODAY)
    assert entry.author == cast.specialist and entry.signed_at is not None
    assert AuditEntry.objects.filter(action="create", object_id=str(entry.pk), organisation=cast.kis_waw).exists()
    import ksr.plans.services as services

    assert not [n for n in dir(services) if "card" in n and ("update" in n or "delete" in n)]


def test_entry_validation(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError):  # nothing recorded
        do_add_card_entry(case, {"part": CardPart.GENERAL, "entered_on": TODAY}, actor=cast.case_manager)
    with pytest.raises(ValidationError):  # field of the other part
        do_add_card_entry(
            case, {"part": CardPart.GENERAL, "entered_on": TODAY, "effects": "x"}, actor=cast.case_manager
        )
    with pytest.raises(ValidationError):  # signed without a date
        make_entry(cast, case, participant_signed=True)
    assert not ServiceCardEntry.objects.exists()


def test_correction_refers_to_old_entry(cast):
    case = make_case(cast)
    old = make_entry(cast, case)
    with pytest.raises(ValidationError):  # a reason is required
        make_entry(cast, case, corrects=old)
    other = make_entry(cast, make_case(cast))
    with pytest.raises(ValidationError):  # same card only
        make_entry(cast, case, corrects=other, correction_reason="x")
    new = make_entry(cast, case, corrects=old, correction_reason="Błędna data", social_needs="Poprawione")
    assert list(old.corrections.all()) == [new]
    assert ServiceCardEntry.objects.get(pk=old.pk).social_needs == "Wsparcie w kontaktach"


@pytest.mark.parametrize("who", ["zenon", "nobody", "partner", "coordinator", "ops_worker"])
def test_outsiders_cannot_write(cast, who):
    with pytest.raises(PermissionDenied):
        make_entry(cast, make_case(cast), actor=getattr(cast, who))


def test_view_adds_entry_and_has_no_edit_routes(cast, login):
    case = make_case(cast)
    client = login(cast.specialist)
    url = reverse("plans:card_entry_create", kwargs={"case_pk": case.pk})
    assert client.get(url + "?part=general").status_code == 200
    response = client.post(
        url,
        {
            "part": "general",
            "entered_on": "2026-03-01",
            "referred_by": "ops",
            "education": "primary",
            "months_without_work": "30",
            "family_assistant_needs": "",
        },
    )
    assert response.status_code == 302
    entry = ServiceCardEntry.objects.get()
    assert entry.referred_by == "ops" and entry.author == cast.specialist
    response = client.post(url, {"part": "general", "entered_on": "2026-03-01", "effects": "x"})
    assert response.status_code == 400 and ServiceCardEntry.objects.count() == 1
    response = client.post(
        url + f"?corrects={entry.pk}",
        {
            "part": "general",
            "entered_on": "2026-03-02",
            "referred_by": "pup",
            "corrects": entry.pk,
            "correction_reason": "Skierował PUP",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:case_card", kwargs={"case_pk": case.pk})).content.decode()
    assert "Skierował PUP" in page
    from django.urls import get_resolver

    names = [p.name for p in get_resolver("ksr.plans.urls").url_patterns]
    assert not [n for n in names if n.startswith("card") and ("edit" in n or "delete" in n or "update" in n)]


def test_api_create_and_read_only(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    url = "/api/v1/plans/card-entries/"
    response = client.post(
        url,
        {"case": case.pk, "part": "detailed", "entered_on": "2026-03-01", "effects": "Lepszy kontakt"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["author"] == cast.case_manager.pk
    detail = f"{url}{pk}/"
    assert client.get(detail).json()["effects"] == "Lepszy kontakt"
    assert client.put(detail, {"effects": "x"}, content_type="application/json").status_code == 405
    assert client.patch(detail, {"effects": "x"}, content_type="application/json").status_code == 405
    assert client.delete(detail).status_code == 405
    assert ServiceCardEntry.objects.get(pk=pk).effects == "Lepszy kontakt"
    bad = client.post(
        url, {"case": case.pk, "part": "detailed", "entered_on": "2026-03-01"}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_api_hides_other_organisations_entries(cast, login):
    entry = make_entry(cast, make_case(cast))
    client = login(cast.zenon)
    assert client.get("/api/v1/plans/card-entries/").json()["count"] == 0
    assert client.get(f"/api/v1/plans/card-entries/{entry.pk}/").status_code == 404
    response = client.post(
        "/api/v1/plans/card-entries/",
        {"case": entry.case_id, "part": "detailed", "entered_on": "2026-03-01", "effects": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400 and ServiceCardEntry.objects.count() == 1


def test_admin_is_read_only(cast, client):
    entry = make_entry(cast, make_case(cast))
    client.force_login(cast.admin)
    from ksr.testing import verify_second_factor

    verify_second_factor(client, cast.admin)
    base = "/admin/plans/servicecardentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ServiceCardEntry.objects.filter(pk=entry.pk).exists()
