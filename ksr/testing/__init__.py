"""Test support (not an app): factories and the named cast of users shared by every app's tests.

The cast lives in two voivodeships: mazowieckie (14, powiat 1465 Warszawa) and małopolskie
(12, powiat 1261 Kraków). "Zenon" runs a KIS in Kraków and must see nothing of Warsaw; "Nobody"
has no membership and must see nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import factory
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.base import SessionBase
from django.db.migrations import RunPython
from django.db.migrations.loader import MigrationLoader
from django_otp.plugins.otp_totp.models import TOTPDevice

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation, Person, Sector
from ksr.territory.choices import GminaKind, UnitLevel
from ksr.territory.models import TerritorialUnit

PASSWORD = "correct-horse-battery-42"  # noqa: S105 — test accounts only

# (code, level, kind, name, description, parent code)
UNITS = [
    ("14", UnitLevel.VOIVODESHIP, "", "MAZOWIECKIE", "województwo", None),
    ("1465", UnitLevel.POWIAT, "", "Warszawa", "miasto stołeczne, na prawach powiatu", "14"),
    ("1465011", UnitLevel.GMINA, GminaKind.URBAN, "Warszawa", "gmina miejska, miasto stołeczne", "1465"),
    ("1432", UnitLevel.POWIAT, "", "wołomiński", "powiat", "14"),
    ("1432023", UnitLevel.GMINA, GminaKind.RURAL, "Dąbrówka", "gmina wiejska", "1432"),
    ("12", UnitLevel.VOIVODESHIP, "", "MAŁOPOLSKIE", "województwo", None),
    ("1261", UnitLevel.POWIAT, "", "Kraków", "miasto na prawach powiatu", "12"),
    ("1261011", UnitLevel.GMINA, GminaKind.URBAN, "Kraków", "gmina miejska", "1261"),
    ("10", UnitLevel.VOIVODESHIP, "", "ŁÓDZKIE", "województwo", None),
    ("1061", UnitLevel.POWIAT, "", "Łódź", "miasto na prawach powiatu", "10"),
    ("1061011", UnitLevel.GMINA, GminaKind.URBAN, "Łódź", "gmina miejska", "1061"),
]


def unit(code: str) -> TerritorialUnit:
    """The test territorial unit with this code (created on first use, with its parents)."""
    existing = TerritorialUnit.objects.filter(code=code).first()
    if existing:
        return existing
    row = next(r for r in UNITS if r[0] == code)
    parent = unit(row[5]) if row[5] else None
    return TerritorialUnit.objects.create(
        code=row[0], level=row[1], kind=row[2], name=row[3], description=row[4], parent=parent
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizacja {n}")
    kind = OrganisationKind.ASSOCIATION
    seat = factory.LazyFunction(lambda: unit("1465011"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Kowalska{n}")
    function = "social_worker"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


def member(username: str, organisation: Organisation, role: str, **extra: Any) -> User:
    user = UserFactory(username=username, **extra)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user  # type: ignore[no-any-return]


@dataclass
class Cast:
    # organisations
    ministry: Organisation
    kis_waw: Organisation
    ops_waw: Organisation
    library_waw: Organisation
    rops_maz: Organisation
    voivode_maz: Organisation
    kis_krk: Organisation
    # users
    admin: User
    kis_manager: User
    case_manager: User
    specialist: User
    partner: User
    ops_worker: User
    coordinator: User
    animator: User
    analyst: User
    officer: User
    national: User
    zenon: User
    nobody: User

    def users_by_role(self) -> dict[str, User]:
        return {
            Role.SYSTEM_ADMIN: self.admin,
            Role.ENTITY_MANAGER: self.kis_manager,
            Role.CASE_MANAGER: self.case_manager,
            Role.SPECIALIST: self.specialist,
            Role.PARTNER_REPRESENTATIVE: self.partner,
            Role.OPS_SOCIAL_WORKER: self.ops_worker,
            Role.LSR_COORDINATOR: self.coordinator,
            Role.REGIONAL_ANIMATOR: self.animator,
            Role.REGIONAL_ANALYST: self.analyst,
            Role.REGISTER_OFFICER: self.officer,
            Role.NATIONAL_ANALYST: self.national,
        }


def build_cast() -> Cast:
    K = OrganisationKind
    waw, krk = unit("1465011"), unit("1261011")
    ministry = OrganisationFactory(name="Departament Ekonomii Społecznej", kind=K.MINISTRY_DEPARTMENT, seat=waw)
    kis_waw = OrganisationFactory(name="KIS Warszawa", kind=K.KIS, seat=waw)
    ops_waw = OrganisationFactory(name="MOPS Warszawa", kind=K.OPS, seat=waw)
    library_waw = OrganisationFactory(name="Biblioteka Publiczna Warszawa", kind=K.LIBRARY, seat=waw)
    rops_maz = OrganisationFactory(name="ROPS Mazowsze", kind=K.ROPS, seat=waw, operating_level="regional")
    voivode_maz = OrganisationFactory(name="Mazowiecki Urząd Wojewódzki", kind=K.VOIVODE_OFFICE, seat=waw)
    kis_krk = OrganisationFactory(name="KIS Kraków", kind=K.KIS, seat=krk)
    return Cast(
        ministry=ministry,
        kis_waw=kis_waw,
        ops_waw=ops_waw,
        library_waw=library_waw,
        rops_maz=rops_maz,
        voivode_maz=voivode_maz,
        kis_krk=kis_krk,
        admin=member("admin", ministry, Role.SYSTEM_ADMIN, is_staff=True),
        kis_manager=member("alicja", kis_waw, Role.ENTITY_MANAGER),
        case_manager=member("bartek", kis_waw, Role.CASE_MANAGER),
        specialist=member("celina", kis_waw, Role.SPECIALIST),
        partner=member("dorota", library_waw, Role.PARTNER_REPRESENTATIVE),
        ops_worker=member("edward", ops_waw, Role.OPS_SOCIAL_WORKER),
        coordinator=member("filip", kis_waw, Role.LSR_COORDINATOR),
        animator=member("grazyna", rops_maz, Role.REGIONAL_ANIMATOR),
        analyst=member("henryk", rops_maz, Role.REGIONAL_ANALYST),
        officer=member("irena", voivode_maz, Role.REGISTER_OFFICER),
        national=member("jan", ministry, Role.NATIONAL_ANALYST),
        zenon=member("zenon", kis_krk, Role.ENTITY_MANAGER),
        nobody=UserFactory(username="nobody"),
    )


def response_bytes(response: Any) -> bytes:
    """The body of a response, streamed (exports are) or not."""
    if response.streaming:
        content = b"".join(response.streaming_content)
        if getattr(response, "file_to_stream", None) is not None:
            response.file_to_stream.close()  # a file response made outside the test client
        return content
    return bytes(response.content)


def verify_second_factor(client: Any, user: User) -> None:
    """Sign ``user`` in on the test ``client`` with a verified TOTP device in the session."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user)
    session: SessionBase = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


# Rows that data migrations create. A transactional test (the browser tests) ends with a flush
# that empties every table, so they are put back before the next test that needs the database.
REFERENCE_DATA_MIGRATIONS = (
    ("registry", "0002_sectors"),
    ("cases", "0003_seed_eligibility_categories"),
    ("pipeline", "0002_default_target"),
)


def forget_stale_content_types() -> None:
    """Clear the process-wide content type cache if any cached id is no longer in the database.

    The cache outlives a test: a flush by a transactional test recreates the content types under
    new ids, and a content type created lazily inside a rolled-back test disappears with it. A
    stale id written into a later test's audit row breaks that test's foreign key. One query.
    """
    cached = {ct.pk for by_key in ContentType.objects._cache.values() for ct in by_key.values()}
    if cached and ContentType.objects.filter(pk__in=cached).count() != len(cached):
        ContentType.objects.clear_cache()


def ensure_content_types() -> None:
    """Create the content types a flush or a rolled-back test left missing, before the test runs.

    Otherwise the first write of such a model creates its content type lazily inside the test's
    own transaction, possibly in a savepoint that a refused write rolls back: the id then cached
    is gone, and the audit row written with it breaks the foreign key check at teardown. One query
    when nothing is missing.
    """
    from django.apps import apps as django_apps
    from django.contrib.contenttypes.management import create_contenttypes

    expected = {(m._meta.app_label, m._meta.model_name) for m in django_apps.get_models()}
    present = set(ContentType.objects.values_list("app_label", "model"))
    missing_apps = {label for label, _model in expected - present}
    if missing_apps:
        ContentType.objects.clear_cache()
        for label in sorted(missing_apps):
            create_contenttypes(django_apps.get_app_config(label), verbosity=0)


def forget_rolled_back_rows() -> None:
    """Drop process-wide caches of rows a rolled-back module transaction (or a flush) removed.

    Content types are cached per process by id; a content type read or created inside a
    transaction that is then rolled back, or before a transactional test flushes the database,
    would otherwise be written into later tests' audit rows as an id that no longer exists.
    """
    ContentType.objects.clear_cache()


def restore_reference_data() -> None:
    """Re-run the data functions of ``REFERENCE_DATA_MIGRATIONS`` (taken from Django's migration loader)."""
    if Sector.objects.exists():
        return
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, name in REFERENCE_DATA_MIGRATIONS:
        for operation in loader.get_migration(app_label, name).operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)
