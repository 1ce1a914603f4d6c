import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.choices import OrganisationKind, ReintegrationGoal, StaffFunction, StakeholderType
from ksr.registry.models import Organisation, Person, Sector
from ksr.registry.services import (
    do_create_organisation,
    do_create_person,
    do_deactivate_organisation,
    do_delete_organisation,
    do_delete_person,
    do_update_organisation,
    do_update_person,
)
from ksr.registry.tests.helpers import VALID_KRS, VALID_NIP, VALID_REGON, org_data
from ksr.testing import OrganisationFactory, PersonFactory, unit

K = OrganisationKind


@pytest.fixture
def polish():
    with translation.override("pl"):
        yield


def test_create_writes_an_audit_row_with_the_values(cast):
    org = do_create_organisation(org_data(nip="526-025-02-74"), actor=cast.analyst)
    assert org.nip == VALID_NIP
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(org.pk))
    assert entry.actor == cast.analyst
    assert entry.changes["name"] == [None, "Stowarzyszenie Łączy Nas"]
    assert entry.changes["sectors"] == [None, ["culture"]]
    assert org.created_by == cast.analyst
    assert org.name_folded == "stowarzyszenie laczy nas"


def test_update_records_old_and_new_values(cast):
    org = do_create_organisation(org_data(), actor=cast.analyst)
    do_update_organisation(
        org, {"name": "Nowa nazwa", "sectors": [Sector.objects.get(code="sport")]}, actor=cast.analyst
    )
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(org.pk))
    assert entry.changes["name"] == ["Stowarzyszenie Łączy Nas", "Nowa nazwa"]
    assert entry.changes["sectors"] == [["culture"], ["sport"]]
    assert set(entry.changes) == {"name", "name_folded", "sectors"}


def test_update_without_changes_writes_no_audit_row(cast):
    org = do_create_organisation(org_data(), actor=cast.analyst)
    do_update_organisation(org, {"name": org.name}, actor=cast.analyst)
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nip", "123", "NIP musi mieć 10 cyfr (ma 3)."),
        ("nip", "5260250275", "NIP ma błędną cyfrę kontrolną; sprawdź numer."),
        ("nip", "52602502AB", "NIP może zawierać tylko cyfry."),
        ("regon", "12345", "REGON musi mieć 9 lub 14 cyfr (ma 5)."),
        ("regon", "123456786", "REGON ma błędną cyfrę kontrolną; sprawdź numer."),
        ("krs", "123456", "Numer KRS musi mieć 10 cyfr, z zerami na początku (np. 0000123456)."),
        ("krs", "0000000000", "Numer KRS nie może składać się z samych zer."),
    ],
)
def test_invalid_identifiers_are_refused_in_polish(cast, polish, field, value, message):
    with pytest.raises(ValidationError) as exc:
        do_create_organisation(org_data(**{field: value}), actor=cast.analyst)
    assert exc.value.message_dict[field] == [message]
    assert not Organisation.objects.filter(name="Stowarzyszenie Łączy Nas").exists()
    assert not AuditEntry.objects.exists()


def test_duplicate_nip_and_regon_get_a_clear_message(cast, polish):
    do_create_organisation(org_data(nip=VALID_NIP, regon=VALID_REGON), actor=cast.analyst)
    with pytest.raises(ValidationError) as exc:
        do_create_organisation(org_data(name="Inna", nip=VALID_NIP, regon=VALID_REGON), actor=cast.analyst)
    assert exc.value.message_dict["nip"] == ["Inna organizacja w rejestrze ma już ten NIP."]
    assert exc.value.message_dict["regon"] == ["Inna organizacja w rejestrze ma już ten REGON."]
    assert Organisation.objects.filter(nip=VALID_NIP).count() == 1


def test_valid_identifiers_are_normalised(cast):
    data = org_data(nip="PL 526 025 02 74", regon=VALID_REGON, krs="0000123456")
    org = do_create_organisation(data, actor=cast.admin)
    assert (org.nip, org.regon, org.krs) == (VALID_NIP, VALID_REGON, VALID_KRS)


@pytest.mark.parametrize(
    ("kind", "goal", "expected"),
    [
        (K.KIS, "", StakeholderType.A),
        (K.SOCIAL_COOPERATIVE, "", StakeholderType.A),
        (K.OPS, "", StakeholderType.B),
        (K.PUP, "", StakeholderType.B),
        (K.LIBRARY, "", StakeholderType.C),
        (K.SCHOOL, "", StakeholderType.C),
        (K.ASSOCIATION, "", StakeholderType.C),
        (K.ASSOCIATION, ReintegrationGoal.MAIN, StakeholderType.A),
        (K.FOUNDATION, ReintegrationGoal.ONE_OF, StakeholderType.B),
        (K.KIS, ReintegrationGoal.NONE, StakeholderType.C),
    ],
)
def test_stakeholder_type_follows_the_statutory_goal(cast, kind, goal, expected):
    org = do_create_organisation(org_data(kind=kind, reintegration_goal=goal), actor=cast.admin)
    assert org.stakeholder_type == expected


def test_type_changes_with_the_goal(cast):
    org = do_create_organisation(org_data(), actor=cast.admin)
    assert org.stakeholder_type == StakeholderType.C
    org = do_update_organisation(org, {"reintegration_goal": ReintegrationGoal.MAIN}, actor=cast.admin)
    org.refresh_from_db()
    assert org.stakeholder_type == StakeholderType.A


def test_stakeholder_type_cannot_be_written(cast):
    with pytest.raises(ValidationError):
        do_create_organisation(org_data(stakeholder_type="A"), actor=cast.admin)


def test_an_invalid_update_changes_nothing(cast):
    org = do_create_organisation(org_data(), actor=cast.analyst)
    with pytest.raises(ValidationError):
        do_update_organisation(org, {"name": "Zmieniona", "nip": "123"}, actor=cast.analyst)
    org.refresh_from_db()
    assert org.name == "Stowarzyszenie Łączy Nas"
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


def test_seat_must_be_a_gmina(cast):
    with pytest.raises(ValidationError) as exc:
        do_create_organisation(org_data(seat=unit("1465")), actor=cast.admin)
    assert "seat" in exc.value.message_dict


def test_create_outside_editable_territory_is_denied(cast):
    with pytest.raises(PermissionDenied):
        do_create_organisation(org_data(seat=unit("1261011")), actor=cast.analyst)
    with pytest.raises(PermissionDenied):
        do_create_organisation(org_data(), actor=cast.kis_manager)
    with pytest.raises(PermissionDenied):
        do_create_organisation(org_data(), actor=cast.officer)
    assert not Organisation.objects.filter(name="Stowarzyszenie Łączy Nas").exists()


def test_coordinator_creates_in_their_powiat_only(cast):
    assert do_create_organisation(org_data(), actor=cast.coordinator).pk
    with pytest.raises(PermissionDenied):
        do_create_organisation(org_data(name="Gdzie indziej", seat=unit("1432023")), actor=cast.coordinator)


def test_update_permissions(cast):
    do_update_organisation(cast.kis_waw, {"phone": "22 123 45 67"}, actor=cast.kis_manager)
    with pytest.raises(PermissionDenied):
        do_update_organisation(cast.ops_waw, {"phone": "1"}, actor=cast.kis_manager)
    with pytest.raises(PermissionDenied):
        do_update_organisation(cast.kis_waw, {"phone": "1"}, actor=cast.officer)
    with pytest.raises(PermissionDenied):
        do_update_organisation(cast.kis_waw, {"phone": "1"}, actor=cast.zenon)
    with pytest.raises(PermissionDenied):
        do_update_organisation(cast.kis_waw, {"phone": "1"}, actor=cast.partner)
    do_update_organisation(cast.kis_krk, {"phone": "12 000 00 00"}, actor=cast.admin)


def test_analyst_cannot_move_a_seat_out_of_their_voivodeship(cast):
    with pytest.raises(PermissionDenied):
        do_update_organisation(cast.kis_waw, {"seat": unit("1261011")}, actor=cast.analyst)
    do_update_organisation(cast.kis_waw, {"seat": unit("1432023")}, actor=cast.analyst)


def test_deactivate_and_delete(cast):
    org = do_create_organisation(org_data(), actor=cast.analyst)
    do_deactivate_organisation(org, actor=cast.analyst)
    org.refresh_from_db()
    assert org.is_active is False
    assert AuditEntry.objects.get(action=AuditAction.UPDATE).changes["is_active"] == [True, False]
    # The KIS is referenced by memberships: it cannot be deleted, only deactivated.
    with pytest.raises(ValidationError):
        do_delete_organisation(cast.kis_waw, actor=cast.admin)
    do_delete_organisation(org, actor=cast.admin)
    assert not Organisation.objects.filter(pk=org.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(org.pk)).exists()


def test_person_services_write_audit_rows(cast):
    person = do_create_person(
        cast.kis_waw,
        {"first_name": "Ewa", "last_name": "Nowak", "function": StaffFunction.PSYCHOLOGIST},
        actor=cast.kis_manager,
    )
    assert AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(person.pk)).organisation == cast.kis_waw
    do_update_person(person, {"position": "psycholog"}, actor=cast.kis_manager)
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(person.pk))
    assert entry.changes == {"position": ["", "psycholog"]}
    do_delete_person(person, actor=cast.kis_manager)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, object_id=str(person.pk)).exists()


def test_person_writes_need_an_editable_organisation(cast):
    person = PersonFactory(organisation=cast.kis_waw)
    with pytest.raises(PermissionDenied):
        do_create_person(cast.kis_waw, {"first_name": "A", "last_name": "B", "function": "other"}, actor=cast.zenon)
    with pytest.raises(PermissionDenied):
        do_update_person(person, {"position": "x"}, actor=cast.partner)
    with pytest.raises(PermissionDenied):
        do_delete_person(person, actor=cast.specialist)
    assert Person.objects.filter(pk=person.pk).exists()


def test_person_dates_and_fte_are_checked(cast, polish):
    with pytest.raises(ValidationError) as exc:
        do_create_person(
            cast.kis_waw,
            {
                "first_name": "A",
                "last_name": "B",
                "function": "other",
                "since": "2024-05-01",
                "until": "2024-01-01",
                "fte": "1.5",
            },
            actor=cast.admin,
        )
    assert set(exc.value.message_dict) == {"until", "fte"}
    assert not Person.objects.exists()


def test_parent_must_be_visible(cast):
    with pytest.raises(ValidationError) as exc:
        do_update_organisation(cast.kis_waw, {"parent": cast.kis_krk}, actor=cast.kis_manager)
    assert "parent" in exc.value.message_dict
    do_update_organisation(cast.kis_waw, {"parent": cast.ops_waw}, actor=cast.kis_manager)


def test_organisation_factory_still_derives_type(db):
    assert OrganisationFactory(kind=K.KIS).stakeholder_type == StakeholderType.A
