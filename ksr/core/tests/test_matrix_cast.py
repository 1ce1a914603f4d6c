"""The permission matrix: who sees (``visible_to``) and who edits (``editable_by``) what.

Every model with a scoped queryset is listed here against every role of
``accounts.choices.Role`` (the cast of ``ksr.testing``), Zenon (a KIS manager in Kraków),
Nobody (no membership) and an anonymous visitor. The expected tables are written out by hand,
so any change to the access rules shows up in review as a diff of this file. The matrix of
every scoped model (one object each, every role in three places) is generated in
``test_permission_matrix.py``; this cast version keeps several objects per model.

The world: six organisations seated in Warszawa (powiat 1465, woj. 14) from the cast, plus
"CIS Dąbrówka" (powiat wołomiński 1432, woj. 14), "KIS Kraków" (cast, 1261, woj. 12) and
"KIS Łódź" (1061, woj. 10); a person at four of them; register entries of the Warsaw club, the
Dąbrówka centre and the Kraków club; audit rows about three organisations and one sign-in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ksr.accounts.choices import Role
from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.services import record
from ksr.registers.choices import CreationMode, EntityKind
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation, Person
from ksr.testing import Cast, OrganisationFactory, PersonFactory, unit

WHO = [*(str(r) for r in Role), "zenon", "nobody", "anonymous"]

WARSAW_ORGS = {
    "Departament Ekonomii Społecznej",
    "KIS Warszawa",
    "MOPS Warszawa",
    "Biblioteka Publiczna Warszawa",
    "ROPS Mazowsze",
    "Mazowiecki Urząd Wojewódzki",
}
MAZOWIECKIE_ORGS = WARSAW_ORGS | {"CIS Dąbrówka"}
ALL_ORGS = MAZOWIECKIE_ORGS | {"KIS Kraków", "KIS Łódź"}
NONE: set[str] = set()

# --- registry.Organisation ---------------------------------------------------------------
ORGANISATION_VISIBLE = {
    Role.SYSTEM_ADMIN: ALL_ORGS,
    Role.ENTITY_MANAGER: WARSAW_ORGS,  # own organisation and its powiat
    Role.CASE_MANAGER: WARSAW_ORGS,
    Role.SPECIALIST: WARSAW_ORGS,
    Role.PARTNER_REPRESENTATIVE: WARSAW_ORGS,
    Role.OPS_SOCIAL_WORKER: WARSAW_ORGS,
    Role.LSR_COORDINATOR: WARSAW_ORGS,  # the powiat
    Role.REGIONAL_ANIMATOR: MAZOWIECKIE_ORGS,  # the voivodeship
    Role.REGIONAL_ANALYST: MAZOWIECKIE_ORGS,
    Role.REGISTER_OFFICER: MAZOWIECKIE_ORGS,
    Role.NATIONAL_ANALYST: ALL_ORGS,
    "zenon": {"KIS Kraków"},
    "nobody": NONE,
    "anonymous": NONE,
}
ORGANISATION_EDITABLE = {
    Role.SYSTEM_ADMIN: ALL_ORGS,
    Role.ENTITY_MANAGER: {"KIS Warszawa"},  # their own organisation only
    Role.CASE_MANAGER: NONE,
    Role.SPECIALIST: NONE,
    Role.PARTNER_REPRESENTATIVE: NONE,
    Role.OPS_SOCIAL_WORKER: NONE,
    Role.LSR_COORDINATOR: WARSAW_ORGS,
    Role.REGIONAL_ANIMATOR: MAZOWIECKIE_ORGS,
    Role.REGIONAL_ANALYST: MAZOWIECKIE_ORGS,
    Role.REGISTER_OFFICER: NONE,
    Role.NATIONAL_ANALYST: NONE,  # reads everything, edits nothing
    "zenon": {"KIS Kraków"},
    "nobody": NONE,
    "anonymous": NONE,
}

# --- registry.Person (follows the person's organisation) --------------------------------------
WARSAW_PEOPLE = {"Anna Warszawska"}
MAZOWIECKIE_PEOPLE = WARSAW_PEOPLE | {"Ewa Dąbrowska"}
ALL_PEOPLE = MAZOWIECKIE_PEOPLE | {"Zofia Krakowska", "Łucja Łódzka"}
PERSON_VISIBLE = {
    Role.SYSTEM_ADMIN: ALL_PEOPLE,
    Role.ENTITY_MANAGER: WARSAW_PEOPLE,
    Role.CASE_MANAGER: WARSAW_PEOPLE,
    Role.SPECIALIST: WARSAW_PEOPLE,
    Role.PARTNER_REPRESENTATIVE: WARSAW_PEOPLE,
    Role.OPS_SOCIAL_WORKER: WARSAW_PEOPLE,
    Role.LSR_COORDINATOR: WARSAW_PEOPLE,
    Role.REGIONAL_ANIMATOR: MAZOWIECKIE_PEOPLE,
    Role.REGIONAL_ANALYST: MAZOWIECKIE_PEOPLE,
    Role.REGISTER_OFFICER: MAZOWIECKIE_PEOPLE,
    Role.NATIONAL_ANALYST: ALL_PEOPLE,
    "zenon": {"Zofia Krakowska"},
    "nobody": NONE,
    "anonymous": NONE,
}
PERSON_EDITABLE = {
    Role.SYSTEM_ADMIN: ALL_PEOPLE,
    Role.ENTITY_MANAGER: WARSAW_PEOPLE,
    Role.CASE_MANAGER: NONE,
    Role.SPECIALIST: NONE,
    Role.PARTNER_REPRESENTATIVE: NONE,
    Role.OPS_SOCIAL_WORKER: NONE,
    Role.LSR_COORDINATOR: WARSAW_PEOPLE,
    Role.REGIONAL_ANIMATOR: MAZOWIECKIE_PEOPLE,
    Role.REGIONAL_ANALYST: MAZOWIECKIE_PEOPLE,
    Role.REGISTER_OFFICER: NONE,
    Role.NATIONAL_ANALYST: NONE,
    "zenon": {"Zofia Krakowska"},
    "nobody": NONE,
    "anonymous": NONE,
}

# --- registers.RegisterEntry ---------------------------------------------------------------
# Matched by the register's voivodeship, or by being the entity or its founding body. A
# powiat-wide reach does not cover a voivodeship register: local roles see only their own entries.
ALL_ENTRIES = {"RE Warszawa", "RE Dąbrówka", "RE Kraków"}
ENTRY_VISIBLE = {
    Role.SYSTEM_ADMIN: ALL_ENTRIES,
    Role.ENTITY_MANAGER: {"RE Warszawa"},  # the club itself
    Role.CASE_MANAGER: {"RE Warszawa"},
    Role.SPECIALIST: {"RE Warszawa"},
    Role.PARTNER_REPRESENTATIVE: NONE,
    Role.OPS_SOCIAL_WORKER: {"RE Warszawa"},  # MOPS is its founding body
    Role.LSR_COORDINATOR: {"RE Warszawa"},
    Role.REGIONAL_ANIMATOR: {"RE Warszawa", "RE Dąbrówka"},
    Role.REGIONAL_ANALYST: {"RE Warszawa", "RE Dąbrówka"},
    Role.REGISTER_OFFICER: {"RE Warszawa", "RE Dąbrówka"},
    Role.NATIONAL_ANALYST: ALL_ENTRIES,
    "zenon": {"RE Kraków"},
    "nobody": NONE,
    "anonymous": NONE,
}
ENTRY_EDITABLE = {
    Role.SYSTEM_ADMIN: ALL_ENTRIES,
    Role.ENTITY_MANAGER: NONE,
    Role.CASE_MANAGER: NONE,
    Role.SPECIALIST: NONE,
    Role.PARTNER_REPRESENTATIVE: NONE,
    Role.OPS_SOCIAL_WORKER: NONE,
    Role.LSR_COORDINATOR: NONE,
    Role.REGIONAL_ANIMATOR: NONE,
    Role.REGIONAL_ANALYST: NONE,
    Role.REGISTER_OFFICER: {"RE Warszawa", "RE Dąbrówka"},  # the voivode's own register
    Role.NATIONAL_ANALYST: NONE,
    "zenon": NONE,
    "nobody": NONE,
    "anonymous": NONE,
}

# --- audit.AuditEntry (read-only for everyone: no editable_by) ---------------------------------
ALL_AUDIT = {"audit KIS Warszawa", "audit MOPS Warszawa", "audit KIS Kraków", "audit sign-in"}
AUDIT_VISIBLE = {
    Role.SYSTEM_ADMIN: ALL_AUDIT,
    Role.ENTITY_MANAGER: {"audit KIS Warszawa"},  # the organisation they manage
    Role.CASE_MANAGER: NONE,
    Role.SPECIALIST: NONE,
    Role.PARTNER_REPRESENTATIVE: NONE,
    Role.OPS_SOCIAL_WORKER: NONE,
    Role.LSR_COORDINATOR: NONE,
    Role.REGIONAL_ANIMATOR: NONE,
    Role.REGIONAL_ANALYST: NONE,
    Role.REGISTER_OFFICER: NONE,
    Role.NATIONAL_ANALYST: NONE,  # a national reach does not open the audit trail
    "zenon": {"audit KIS Kraków"},
    "nobody": NONE,
    "anonymous": NONE,
}


def _user(cast: Cast, who: str) -> Any:
    if who == "anonymous":
        return AnonymousUser()
    if who in {"zenon", "nobody"}:
        return getattr(cast, who)
    return cast.users_by_role()[who]


@pytest.fixture
def world(cast: Cast) -> dict[str, Any]:
    K = OrganisationKind
    dabrowka = OrganisationFactory(name="CIS Dąbrówka", kind=K.CIS, seat=unit("1432023"))
    lodz = OrganisationFactory(name="KIS Łódź", kind=K.KIS, seat=unit("1061011"))
    for org, first, last in [
        (cast.kis_waw, "Anna", "Warszawska"),
        (dabrowka, "Ewa", "Dąbrowska"),
        (cast.kis_krk, "Zofia", "Krakowska"),
        (lodz, "Łucja", "Łódzka"),
    ]:
        PersonFactory(organisation=org, first_name=first, last_name=last)
    entries = {}
    for name, org, voivodeship, founder, kind in [
        ("RE Warszawa", cast.kis_waw, "14", cast.ops_waw, EntityKind.KIS),
        ("RE Dąbrówka", dabrowka, "14", dabrowka, EntityKind.CIS),
        ("RE Kraków", cast.kis_krk, "12", cast.kis_krk, EntityKind.KIS),
    ]:
        entries[name] = RegisterEntry.objects.create(
            organisation=org,
            entity_kind=kind,
            voivodeship=unit(voivodeship),
            founding_body=founder,
            creation_mode=CreationMode.WITHIN_OPS,
            notification_date=dt.date(2025, 1, 15),
        )
    audit = {
        "audit KIS Warszawa": record(AuditAction.UPDATE, cast.kis_waw, actor=cast.admin),
        "audit MOPS Warszawa": record(AuditAction.UPDATE, cast.ops_waw, actor=cast.admin),
        "audit KIS Kraków": record(AuditAction.UPDATE, cast.kis_krk, actor=cast.admin),
        "audit sign-in": record(AuditAction.LOGIN, cast.nobody, actor=cast.nobody),
    }
    return {"entries": entries, "audit": audit}


def _table(cast: Cast, queryset_for: Any, name_of: Any) -> dict[str, set[str]]:
    return {who: {name_of(obj) for obj in queryset_for(_user(cast, who))} for who in WHO}


def _entry_names(world: dict[str, Any]) -> Any:
    by_pk = {obj.pk: name for name, obj in world["entries"].items()}
    return lambda obj: by_pk[obj.pk]


def _audit_names(world: dict[str, Any]) -> Any:
    by_pk = {obj.pk: name for name, obj in world["audit"].items()}
    return lambda obj: by_pk[obj.pk]


def test_the_tables_cover_every_role():
    for table in (
        ORGANISATION_VISIBLE,
        ORGANISATION_EDITABLE,
        PERSON_VISIBLE,
        PERSON_EDITABLE,
        ENTRY_VISIBLE,
        ENTRY_EDITABLE,
        AUDIT_VISIBLE,
    ):
        assert set(table) == set(WHO)


def test_organisation_visible(cast, world):
    assert _table(cast, Organisation.objects.visible_to, str) == ORGANISATION_VISIBLE


def test_organisation_editable(cast, world):
    assert _table(cast, Organisation.objects.editable_by, str) == ORGANISATION_EDITABLE


def test_person_visible(cast, world):
    assert _table(cast, Person.objects.visible_to, str) == PERSON_VISIBLE


def test_person_editable(cast, world):
    assert _table(cast, Person.objects.editable_by, str) == PERSON_EDITABLE


def test_register_entry_visible(cast, world):
    assert _table(cast, RegisterEntry.objects.visible_to, _entry_names(world)) == ENTRY_VISIBLE


def test_register_entry_editable(cast, world):
    assert _table(cast, RegisterEntry.objects.editable_by, _entry_names(world)) == ENTRY_EDITABLE


def test_audit_entry_visible(cast, world):
    assert _table(cast, AuditEntry.objects.visible_to, _audit_names(world)) == AUDIT_VISIBLE


def test_audit_entries_are_editable_by_nobody():
    assert not hasattr(AuditEntry.objects, "editable_by")


def test_editable_is_always_within_visible(cast, world):
    for model in (Organisation, Person, RegisterEntry):
        for who in WHO:
            user = _user(cast, who)
            editable = set(model.objects.editable_by(user).values_list("pk", flat=True))
            visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
            assert editable <= visible, (model.__name__, who)


# --- another organisation's object answers 404, its own (or an administrator's) 200 ----------


def _detail_url(cast: Cast, world: dict[str, Any], url_name: str) -> str:
    warsaw_object = {
        "registry:organisation_detail": cast.kis_waw,
        "registers:entry_detail": world["entries"]["RE Warszawa"],
        "audit:entry_detail": world["audit"]["audit KIS Warszawa"],
    }[url_name]
    return reverse(url_name, kwargs={"pk": warsaw_object.pk})


@pytest.mark.parametrize("url_name", ["registry:organisation_detail", "registers:entry_detail", "audit:entry_detail"])
def test_another_organisations_object_is_not_found(login, cast, world, url_name):
    url = _detail_url(cast, world, url_name)
    assert login(cast.zenon).get(url).status_code == 404
    assert login(cast.admin).get(url).status_code == 200
