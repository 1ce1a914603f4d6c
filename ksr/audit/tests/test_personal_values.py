"""The trail keeps which fields of a participant's records changed, never their values (ADR 0012)."""

from __future__ import annotations

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction

from ksr.accounts.services import authenticate_with_lockout
from ksr.audit import services as audit_services
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.personal import participant_owned_models
from ksr.audit.services import record
from ksr.cases import services as case_services
from ksr.cases.models import Case, Participant
from ksr.cases.tests.helpers import pesel_for
from ksr.privacy.services import do_anonymise_participant
from ksr.testing import OrganisationFactory, response_bytes

URL = "/api/v1/audit/entries/"
PESEL = pesel_for(7)
PERSONAL = {
    "first_name": "Bożydar",
    "last_name": "Zgrzebłowski",
    "pesel": PESEL,
    "street": "Ulica Tajemnicza 13",
    "city": "Wólka Sekretna",
    "health_conditions": "cukrzyca typu drugiego",
    "addiction_notes": "terapia odwykowa w toku",
}


@pytest.fixture
def person(cast):
    participant = case_services.do_create_participant(cast.kis_waw, PERSONAL, actor=cast.kis_manager)
    case_services.do_update_participant(
        participant,
        {"street": "Aleja Ukryta 7", "health_conditions": "nadciśnienie tętnicze", "last_name": "Zgrzebłowska"},
        actor=cast.kis_manager,
    )
    case_services.do_open_case(participant, actor=cast.kis_manager, case_manager=cast.case_manager)
    return participant


def _all_rows(client):
    rows, url = [], URL
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page.get("next")
    return rows


def test_admin_sees_which_fields_changed_but_no_personal_value(login, cast, person):
    rows = _all_rows(login(cast.admin))
    about_person = [r for r in rows if r["object_type"] == "cases.participant" and r["object_id"] == str(person.pk)]
    assert {r["action"] for r in about_person} >= {"create", "update"}
    text = json.dumps(rows, ensure_ascii=False)
    for value in [
        PESEL,
        "Tajemnicza",
        "Ukryta",
        "Sekretna",
        "cukrzyca",
        "nadciśnienie",
        "odwykowa",
        "Zgrzebł",
        "Bożydar",
        person.birth_date.isoformat(),
    ]:
        assert value not in text, value
    update = next(r for r in about_person if r["action"] == "update")
    assert set(update["changes"]) == {"street", "health_conditions", "last_name"}
    assert all(v is None for v in update["changes"].values())
    assert update["object_repr"] == f"Uczestnik nr {person.pk}"
    case_row = next(r for r in rows if r["object_type"] == "cases.case")
    assert case_row["changes"]["status"][1] == Case.objects.get(participant=person).status  # non-personal: kept


def test_searching_the_trail_by_surname_or_pesel_finds_nothing(login, cast, person):
    client = login(cast.admin)
    for term in ("Zgrzebłowski", "Zgrzebłowska", PESEL):
        assert client.get(URL, {"q": term}).json()["results"] == []


def test_every_participant_owned_model_is_found_by_its_keys():
    labels = {m._meta.label for m in participant_owned_models()}
    assert {
        "cases.Participant",
        "cases.Case",
        "cases.Referral",
        "cases.FollowUp",
        "privacy.Consent",
        "plans.Contract",
        "plans.ActionPlan",
        "plans.ServiceCardEntry",
        "plans.PotentialAssessment",
        "catalogue.Booking",
        "catalogue.Attendance",
    } <= labels
    assert not labels & {"registry.Organisation", "accounts.User", "audit.AuditEntry"}


def test_a_bulk_written_read_names_no_one(cast, person):
    ct = ContentType.objects.get_for_model(Participant)
    AuditEntry.objects.bulk_create(
        [AuditEntry(action=AuditAction.READ, content_type=ct, object_id=str(person.pk), object_repr=str(person))]
    )
    assert not AuditEntry.objects.filter(object_repr__icontains="Zgrzeb").exists()


def _legacy_row(person):
    """A row as the trail held it before ADR 0012 (values and name), written past the model."""
    return models.QuerySet(model=AuditEntry).bulk_create(
        [
            AuditEntry(
                action=AuditAction.UPDATE,
                content_type=ContentType.objects.get_for_model(Participant),
                object_id=str(person.pk),
                object_repr="Bożydar Zgrzebłowski",
                organisation_id=person.organisation_id,
                changes={"pesel": [None, PESEL], "status": ["a", "b"]},
            )
        ]
    )[0]


def test_anonymisation_scrubs_what_the_trail_still_held(cast, person):
    legacy = _legacy_row(person)
    do_anonymise_participant(person, actor=cast.admin)
    legacy = AuditEntry.objects.get(pk=legacy.pk)
    assert legacy.object_repr == f"Uczestnik nr {person.pk}"
    assert legacy.changes == {"pesel": None, "status": ["a", "b"]}
    scrub = AuditEntry.objects.get(action=AuditAction.SCRUB, object_id=str(person.pk))
    assert scrub.part == "audit_trail:1" and scrub.actor == cast.admin
    dump = json.dumps(list(AuditEntry.objects.values("object_repr", "changes", "part")), ensure_ascii=False)
    assert PESEL not in dump and "Zgrzeb" not in dump


def test_deleting_an_organisation_or_a_user_leaves_the_trail_alone(cast):
    organisation = OrganisationFactory(name="Klub do zamknięcia")
    entry = record(AuditAction.UPDATE, organisation, actor=cast.kis_manager)
    organisation_id = organisation.pk
    organisation.delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.organisation_id == organisation_id
    assert entry.organisation_name == ""
    user = cast.nobody
    login_row = record(AuditAction.LOGIN, user, actor=user)
    user_id = user.pk
    user.delete()
    assert AuditEntry.objects.get(pk=login_row.pk).actor_id == user_id


def test_failed_sign_ins_neither_grow_the_trail_without_bound_nor_keep_what_was_typed(cast, rf):
    request = rf.post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
    typed = "x" * 5000 + "TajneHaslo123"
    for n in range(audit_services.FAILED_LOGINS_PER_ADDRESS + 20):
        with pytest.raises(ValidationError):
            authenticate_with_lockout(request, f"{typed}{n}", "wrong")
    # Unknown usernames leave no row at all: nothing typed is kept, and the trail cannot grow.
    assert not AuditEntry.objects.filter(ip_address="203.0.113.9").exists()
    assert not AuditEntry.objects.filter(object_repr__contains="TajneHaslo").exists()


def test_failed_sign_ins_of_one_account_are_capped_per_address(cast, rf, settings):
    settings.KSR_LOGIN_MAX_FAILURES = 1000
    request = rf.post("/accounts/login/", REMOTE_ADDR="203.0.113.10")
    for _ in range(audit_services.FAILED_LOGINS_PER_USERNAME_AND_ADDRESS + 5):
        with pytest.raises(ValidationError):
            authenticate_with_lockout(request, cast.kis_manager.username, "wrong")
    rows = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, ip_address="203.0.113.10")
    assert rows.count() == audit_services.FAILED_LOGINS_PER_USERNAME_AND_ADDRESS


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")


@pytest.mark.django_db(transaction=True)
@postgresql_only
def test_the_database_refuses_to_rewrite_the_trail(cast):
    entry = record(AuditAction.UPDATE, cast.kis_waw, actor=cast.kis_manager, changes={"name": ["a", "b"]})
    for sql in (
        "UPDATE audit_auditentry SET object_repr = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    # The scrub path: an UPDATE inside a transaction that opened the gate passes …
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('ksr.audit_scrub', 'on', true)")
        cursor.execute("UPDATE audit_auditentry SET object_repr = 'scrubbed' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == "scrubbed"
    # … and the gate does not stay open after it; a DELETE never passes.
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_repr = 'y' WHERE id = %s", [entry.pk])
    with pytest.raises(Exception, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('ksr.audit_scrub', 'on', true)")
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])


@postgresql_only
def test_anonymisation_scrubs_through_the_trigger_on_postgresql(cast, person):
    legacy = _legacy_row(person)
    do_anonymise_participant(person, actor=None)
    assert AuditEntry.objects.get(pk=legacy.pk).changes["pesel"] is None


def test_the_pages_say_a_value_was_not_recorded(login, cast, person):
    from django.urls import reverse

    entry = AuditEntry.objects.get(
        action=AuditAction.UPDATE, object_id=str(person.pk), content_type__model="participant"
    )
    client = login(cast.admin)
    html = client.get(reverse("audit:entry_detail", kwargs={"pk": entry.pk})).content.decode()
    assert "(nie zapisano)" in html and "Ukryta" not in html and "nadciśnienie" not in html
    listing = client.get(reverse("audit:entry_list")).content.decode()
    assert f"Uczestnik nr {person.pk}" in listing and "Zgrzeb" not in listing
    export = response_bytes(client.get(reverse("audit:entry_list"), {"format": "csv"})).decode("utf-8-sig")
    assert "Zgrzeb" not in export and PESEL not in export
