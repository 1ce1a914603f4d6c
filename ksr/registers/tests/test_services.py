import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registers import services
from ksr.registers.choices import ENTRY_MACHINE, CreationMode, EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit

from .conftest import days_ago

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def notify(cast, organisation=None, *, actor=None, **overrides):
    data = {
        "organisation": organisation or cast.kis_waw,
        "entity_kind": EntityKind.KIS,
        "founding_body": cast.ops_waw,
        "creation_mode": CreationMode.WITHIN_OPS,
        "notification_date": days_ago(3),
        "founding_act_number": "Uchwała nr XII/34/2026",
        "founding_act_date": days_ago(20),
        "internal_notes": "Tajne: brak załącznika nr 2",
    }
    data.update(overrides)
    return services.do_notify_entity(**data, actor=actor or cast.officer)


# --- notification -------------------------------------------------------------------------


def test_notification_creates_a_notified_entry_in_the_seat_voivodeship(cast):
    entry = notify(cast)
    assert entry.status == EntryStatus.NOTIFIED
    assert entry.voivodeship.code == "14"
    assert entry.register_number == ""
    assert entry.created_by == cast.officer
    audit = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(entry.pk))
    assert audit.actor == cast.officer
    assert audit.changes["status"] == [None, "notified"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"entity_kind": EntityKind.CIS}, "organisation"),  # the organisation is a KIS
        ({"notification_date": dt.date.today() + dt.timedelta(days=2)}, "notification_date"),
        ({"founding_act_date": days_ago(1)}, "founding_act_date"),  # after the notification
        ({"creation_mode": "magic"}, "creation_mode"),
    ],
)
def test_notification_rejects_bad_input_and_changes_nothing(cast, overrides, field):
    with pytest.raises(ValidationError) as exc:
        notify(cast, **overrides)
    assert field in exc.value.message_dict
    assert not RegisterEntry.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.CREATE).exists()


def test_only_a_kis_or_cis_can_be_notified(cast):
    with pytest.raises(ValidationError) as exc:
        notify(cast, cast.library_waw)
    assert "organisation" in exc.value.message_dict


def test_an_organisation_is_notified_once(cast):
    notify(cast)
    with pytest.raises(ValidationError):
        notify(cast)


def test_a_cis_is_notified_as_a_cis(cast):
    cis = OrganisationFactory(kind=OrganisationKind.CIS, seat=unit("1465011"))
    entry = notify(cast, cis, entity_kind=EntityKind.CIS)
    assert entry.entity_kind == EntityKind.CIS


@pytest.mark.parametrize("who", ["zenon", "analyst", "animator", "kis_manager", "national", "nobody"])
def test_only_register_keepers_notify(cast, who):
    with pytest.raises(PermissionDenied):
        notify(cast, actor=getattr(cast, who))
    assert not RegisterEntry.objects.exists()


def test_an_officer_keeps_only_the_register_of_their_voivodeship(cast):
    with pytest.raises(PermissionDenied):
        notify(cast, cast.kis_krk)
    assert notify(cast, cast.kis_krk, actor=cast.admin).voivodeship.code == "12"


# --- entry in the register --------------------------------------------------------------------


def test_entry_numbers_per_voivodeship_kind_and_year(cast, make_entry):
    first = make_entry(cast.kis_waw, notified=10)
    services.do_enter_in_register(first, entry_date=days_ago(1), actor=cast.officer)
    first.refresh_from_db()
    year = days_ago(1).year
    assert first.status == EntryStatus.ENTERED
    assert first.entry_date == days_ago(1)
    assert first.register_number == f"KIS/14/{year}/001"
    second = make_entry(notified=5)
    services.do_enter_in_register(second, entry_date=days_ago(1), actor=cast.officer)
    assert second.register_number == f"KIS/14/{year}/002"  # the caller's object is refreshed
    cis = make_entry(kind=EntityKind.CIS, notified=5)
    services.do_enter_in_register(cis, entry_date=days_ago(1), actor=cast.officer)
    assert cis.register_number == f"CIS/14/{year}/001"
    krk = make_entry(cast.kis_krk, notified=5)
    services.do_enter_in_register(krk, entry_date=days_ago(1), actor=cast.admin)
    assert krk.register_number == f"KIS/12/{year}/001"
    audit = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(first.pk)).get()
    assert audit.changes["status"] == ["notified", "entered"]
    assert audit.actor == cast.officer


def test_entry_with_a_given_number_which_must_be_free(cast, make_entry):
    a, b = make_entry(notified=10), make_entry(notified=10)
    services.do_enter_in_register(a, entry_date=days_ago(1), register_number="14/KIS/7", actor=cast.officer)
    assert a.register_number == "14/KIS/7"
    with pytest.raises(ValidationError) as exc:
        services.do_enter_in_register(b, entry_date=days_ago(1), register_number="14/KIS/7", actor=cast.officer)
    assert "register_number" in exc.value.message_dict
    b.refresh_from_db()
    assert b.status == EntryStatus.NOTIFIED


@pytest.mark.parametrize("entry_date", [days_ago(11), TODAY() + dt.timedelta(days=1)])
def test_entry_date_between_notification_and_today(cast, make_entry, entry_date):
    entry = make_entry(notified=10)
    with pytest.raises(ValidationError) as exc:
        services.do_enter_in_register(entry, entry_date=entry_date, actor=cast.officer)
    assert "entry_date" in exc.value.message_dict
    entry.refresh_from_db()
    assert entry.status == EntryStatus.NOTIFIED and entry.entry_date is None


def test_entry_on_the_notification_day_is_allowed(cast, make_entry):
    entry = make_entry(notified=10)
    services.do_enter_in_register(entry, entry_date=days_ago(10), actor=cast.officer)
    assert entry.status == EntryStatus.ENTERED


@pytest.mark.parametrize("who", ["zenon", "analyst", "kis_manager", "national"])
def test_others_cannot_enter(cast, make_entry, who):
    entry = make_entry(cast.kis_waw)
    with pytest.raises(PermissionDenied):
        services.do_enter_in_register(entry, entry_date=days_ago(1), actor=getattr(cast, who))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.NOTIFIED


def test_the_warsaw_officer_cannot_enter_a_krakow_entry(cast, make_entry):
    entry = make_entry(cast.kis_krk)
    with pytest.raises(PermissionDenied):
        services.do_enter_in_register(entry, entry_date=days_ago(1), actor=cast.officer)


def test_permission_helper_agrees_with_editable_by(cast, make_entry):
    entries = [make_entry(cast.kis_waw), make_entry(cast.kis_krk)]
    for user in cast.users_by_role().values():
        for entry in entries:
            expected = RegisterEntry.objects.editable_by(user).filter(pk=entry.pk).exists()
            assert services.may_keep_register(user, entry.voivodeship.code) == expected


# --- striking off ----------------------------------------------------------------------------


def test_strike_off_an_entered_entity(cast, make_entry):
    entry = make_entry(cast.kis_waw, notified=40, entered=20)
    services.do_strike_off(
        entry, date=days_ago(2), reason=StrikeOffReason.OPERATOR_NOTICE, note="Pismo z 1 marca", actor=cast.officer
    )
    assert entry.status == EntryStatus.STRUCK_OFF
    assert entry.struck_off_date == days_ago(2)
    assert entry.strike_off_reason == StrikeOffReason.OPERATOR_NOTICE
    assert entry.strike_off_note == "Pismo z 1 marca"
    assert entry.register_number  # the number stays in the register's history
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(entry.pk)).count() == 2


@pytest.mark.parametrize("reason", ["", "boredom"])
def test_strike_off_needs_a_valid_reason(cast, make_entry, reason):
    entry = make_entry(entered=5)
    with pytest.raises(ValidationError) as exc:
        services.do_strike_off(entry, date=days_ago(1), reason=reason, actor=cast.officer)
    assert "strike_off_reason" in exc.value.message_dict
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ENTERED


def test_strike_off_not_before_the_entry(cast, make_entry):
    entry = make_entry(notified=40, entered=10)
    with pytest.raises(ValidationError):
        services.do_strike_off(entry, date=days_ago(11), reason=StrikeOffReason.VOIVODE_FINDING, actor=cast.officer)


def test_strike_off_is_refused_to_others(cast, make_entry):
    entry = make_entry(cast.kis_krk, entered=5)
    for user in (cast.officer, cast.zenon, cast.analyst):
        with pytest.raises(PermissionDenied):
            services.do_strike_off(entry, date=days_ago(1), reason=StrikeOffReason.VOIVODE_FINDING, actor=user)


# --- corrections -------------------------------------------------------------------------------


def test_update_corrects_the_data_and_records_the_change(cast, make_entry):
    entry = make_entry(cast.kis_waw, entered=5)
    services.do_update_entry(
        entry,
        {"founding_act_number": "Uchwała nr XIII/1/2026", "internal_notes": "poprawiono"},
        actor=cast.officer,
    )
    assert entry.founding_act_number == "Uchwała nr XIII/1/2026"
    audit = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_id=str(entry.pk)).latest("id")
    assert audit.changes["founding_act_number"] == ["Uchwała nr XII/34/2026", "Uchwała nr XIII/1/2026"]


@pytest.mark.parametrize(
    "data",
    [
        {"status": EntryStatus.STRUCK_OFF},  # status changes only through the services
        {"organisation": 1},
        {"entity_kind": EntityKind.CIS},
        {"entry_date": None},  # an entered entity has an entry date
        {"register_number": ""},
        {"struck_off_date": days_ago(1)},  # not struck off
        {"notification_date": TODAY() + dt.timedelta(days=1)},
    ],
)
def test_update_refuses_what_is_not_a_correction(cast, make_entry, data):
    entry = make_entry(entered=5)
    before = RegisterEntry.objects.filter(pk=entry.pk).values().get()
    with pytest.raises(ValidationError):
        services.do_update_entry(entry, data, actor=cast.officer)
    assert RegisterEntry.objects.filter(pk=entry.pk).values().get() == before


def test_update_keeps_register_numbers_unique(cast, make_entry):
    a, b = make_entry(entered=5), make_entry(entered=5)
    with pytest.raises(ValidationError) as exc:
        services.do_update_entry(b, {"register_number": a.register_number}, actor=cast.officer)
    assert "register_number" in exc.value.message_dict


def test_update_is_refused_to_others(cast, make_entry):
    entry = make_entry(cast.kis_waw)
    for user in (cast.zenon, cast.analyst, cast.kis_manager):
        with pytest.raises(PermissionDenied):
            services.do_update_entry(entry, {"internal_notes": "x"}, actor=user)


# --- the state machine, both ways ----------------------------------------------------------

ALL_PAIRS = list(itertools.product(EntryStatus.values, repeat=2))
ALLOWED = [(a, b) for a, b in ALL_PAIRS if b in ENTRY_MACHINE.targets(a)]
DISALLOWED = [(a, b) for a, b in ALL_PAIRS if b not in ENTRY_MACHINE.targets(a)]


def test_the_transition_table():
    assert set(ALLOWED) == {
        ("notified", "entered"),
        ("notified", "struck_off"),
        ("entered", "struck_off"),
    }
    assert len(DISALLOWED) == 6


@pytest.mark.parametrize(("current", "target"), ALLOWED)
def test_allowed_transitions_pass(current, target):
    entry = RegisterEntry(status=current)
    assert entry.can_move_to(target)
    ENTRY_MACHINE.check(entry, target)


POLISH = {
    ("notified", "notified"): "został już zgłoszony",
    ("entered", "notified"): "nie może wrócić do etapu zgłoszenia",
    ("entered", "entered"): "jest już wpisany do rejestru",
    ("struck_off", "notified"): "nie może wrócić do etapu zgłoszenia",
    ("struck_off", "entered"): "nie może zostać ponownie wpisany",
    ("struck_off", "struck_off"): "został już wykreślony z rejestru",
}


@pytest.mark.parametrize(("current", "target"), DISALLOWED)
def test_disallowed_transitions_raise_a_clear_polish_message(current, target):
    assert not RegisterEntry(status=current).can_move_to(target)
    with translation.override("pl"):
        refusal = services.refusal(current, target)
    assert refusal.code == "invalid_transition"
    message = refusal.messages[0]
    assert POLISH[(current, target)] in message
    with translation.override("en"):
        assert services.refusal(current, target).messages[0] != message


def _entry_in(make_entry, cast, status):
    if status == EntryStatus.NOTIFIED:
        return make_entry(notified=10)
    entry = make_entry(notified=10, entered=5)
    if status == EntryStatus.STRUCK_OFF:
        services.do_strike_off(entry, date=days_ago(1), reason=StrikeOffReason.VOIVODE_FINDING, actor=cast.admin)
    return entry


SERVICE_TARGETS = [EntryStatus.ENTERED, EntryStatus.STRUCK_OFF]


@pytest.mark.parametrize(("current", "target"), [(a, b) for a in EntryStatus.values for b in SERVICE_TARGETS])
def test_services_follow_the_table(cast, make_entry, current, target):
    entry = _entry_in(make_entry, cast, current)
    assert entry.status == current

    def act():
        if target == EntryStatus.ENTERED:
            services.do_enter_in_register(entry, entry_date=days_ago(1), actor=cast.officer)
        else:
            services.do_strike_off(entry, date=TODAY(), reason=StrikeOffReason.OPERATOR_NOTICE, actor=cast.officer)

    if target in ENTRY_MACHINE.targets(current):
        act()
        assert entry.status == target
    else:
        with pytest.raises(ValidationError) as exc:
            act()
        assert exc.value.code == "invalid_transition"
        entry.refresh_from_db()
        assert entry.status == current


def test_a_service_refuses_an_undeclared_move_in_the_registers_words(cast, make_entry):
    entry = make_entry(notified=10, entered=5)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.do_enter_in_register(entry, entry_date=days_ago(1), actor=cast.officer)
    assert exc.value.code == "invalid_transition"
    assert exc.value.messages == ["The entity is already entered in the register."]


@pytest.mark.parametrize("second", ["enter", "strike_off"])
def test_a_stale_entry_is_refused_as_already_changed(cast, make_entry, second):
    entry = make_entry(notified=10)
    stale = RegisterEntry.objects.get(pk=entry.pk)  # another officer's page, read before the change
    services.do_strike_off(entry, date=days_ago(1), reason=StrikeOffReason.OPERATOR_NOTICE, actor=cast.officer)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        if second == "enter":
            services.do_enter_in_register(stale, entry_date=days_ago(1), actor=cast.admin)
        else:
            services.do_strike_off(stale, date=days_ago(1), reason=StrikeOffReason.VOIVODE_FINDING, actor=cast.admin)
    assert exc.value.code == "already_changed"
    assert "already changed" in exc.value.messages[0]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.STRUCK_OFF
    assert entry.strike_off_reason == StrikeOffReason.OPERATOR_NOTICE
