from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.models import AuditEntry
from ksr.pipeline.choices import Stage
from ksr.pipeline.models import Initiative, StageChange
from ksr.pipeline.services import do_create_initiative, do_set_legal_step, do_transition_initiative
from ksr.registers.choices import CreationMode, StrikeOffReason
from ksr.registers.services import do_strike_off
from ksr.testing import unit

from .conftest import days_ago


def test_animator_creates_in_own_region_only(cast):
    initiative = do_create_initiative({"name": "KIS Dąbrówka", "gmina": unit("1432023")}, actor=cast.animator)
    assert initiative.stage == Stage.PROSPECT
    assert initiative.changes.get().to_stage == Stage.PROSPECT
    assert AuditEntry.objects.filter(object_id=str(initiative.pk)).exists()
    with pytest.raises(PermissionDenied):
        do_create_initiative({"name": "KIS Kraków", "gmina": unit("1261011")}, actor=cast.animator)
    for user in (cast.analyst, cast.national, cast.zenon, cast.nobody):
        with pytest.raises(PermissionDenied):
            do_create_initiative({"name": "X", "gmina": unit("1465011")}, actor=user)


def test_transition_records_history_and_audit(cast, make_initiative):
    initiative = make_initiative(Stage.PROSPECT)
    initiative = do_transition_initiative(
        initiative, Stage.FIRST_CONTACT, note="Spotkanie z dyrektorem OPS", on=days_ago(3), actor=cast.animator
    )
    change = initiative.changes.last()
    assert (change.from_stage, change.to_stage, change.changed_on, change.changed_by) == (
        Stage.PROSPECT,
        Stage.FIRST_CONTACT,
        days_ago(3),
        cast.animator,
    )
    assert change.note == "Spotkanie z dyrektorem OPS"
    assert initiative.stage_since == days_ago(3)


def test_skipping_a_stage_is_refused_and_nothing_written(cast, make_initiative):
    initiative = make_initiative(Stage.PROSPECT)
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.READINESS_MEASURED, actor=cast.animator)
    initiative.refresh_from_db()
    assert initiative.stage == Stage.PROSPECT
    assert initiative.changes.count() == 1


def test_other_region_and_readers_may_not_transition(cast, make_initiative):
    initiative = make_initiative(Stage.PROSPECT)
    for user in (cast.analyst, cast.national, cast.zenon, cast.nobody):
        with pytest.raises(PermissionDenied):
            do_transition_initiative(initiative, Stage.FIRST_CONTACT, actor=user)


def test_stall_needs_reason_and_resumes_where_it_stalled(cast, make_initiative):
    initiative = make_initiative(Stage.SCENARIO_CHOSEN)
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.STALLED, actor=cast.animator)
    initiative = do_transition_initiative(initiative, Stage.STALLED, note="Zmiana wójta", actor=cast.animator)
    assert initiative.stalled_at == Stage.SCENARIO_CHOSEN
    assert initiative.allowed_targets() == [Stage.SCENARIO_CHOSEN, Stage.ABANDONED]
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.PROSPECT, actor=cast.animator)
    initiative = do_transition_initiative(initiative, Stage.SCENARIO_CHOSEN, actor=cast.animator)
    assert initiative.stage == Stage.SCENARIO_CHOSEN and initiative.stalled_at == ""


def test_abandon_is_final(cast, make_initiative):
    initiative = make_initiative(Stage.FIRST_CONTACT)
    initiative = do_transition_initiative(initiative, Stage.ABANDONED, note="Brak zgody rady", actor=cast.animator)
    assert initiative.allowed_targets() == []
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.PROSPECT, actor=cast.animator)


def test_founding_body_needs_mode_and_act_needs_number_and_date(cast, make_initiative):
    initiative = make_initiative(Stage.PARTNERS_WON)
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.FOUNDING_BODY_DECIDED, actor=cast.animator)
    initiative = do_transition_initiative(
        initiative, Stage.FOUNDING_BODY_DECIDED, data={"creation_mode": CreationMode.NGO}, actor=cast.animator
    )
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.FOUNDING_ACT_ADOPTED, actor=cast.animator)
    initiative = do_transition_initiative(
        initiative,
        Stage.FOUNDING_ACT_ADOPTED,
        data={"founding_act_number": "Uchwała zarządu 3/2026", "founding_act_date": days_ago(0)},
        actor=cast.animator,
    )
    assert initiative.founding_act_number == "Uchwała zarządu 3/2026"


def test_entered_needs_an_entered_register_entry(cast, make_initiative, make_entry):
    initiative = make_initiative(Stage.NOTIFIED)
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.ENTERED, actor=cast.animator)
    notified_only = make_entry(notified=5)
    with pytest.raises(ValidationError) as exc:
        do_transition_initiative(initiative, Stage.ENTERED, data={"register_entry": notified_only}, actor=cast.animator)
    assert "„wpisany”" in str(exc.value)  # the gate, in the Polish of the UI
    initiative.refresh_from_db()
    assert initiative.register_entry is None
    entered = make_entry(notified=50, entered=30)
    initiative = do_transition_initiative(
        initiative, Stage.ENTERED, data={"register_entry": entered}, actor=cast.animator
    )
    assert initiative.stage == Stage.ENTERED


def test_sustained_only_24_months_after_entry_and_not_struck_off(cast, make_initiative, make_entry):
    initiative = make_initiative(Stage.OPERATING)  # entered 800 days ago
    young = make_entry(notified=800, entered=365 * 2 - 5)
    before = initiative.register_entry
    initiative.register_entry = young
    initiative.save()
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.SUSTAINED, actor=cast.animator)
    initiative.register_entry = before
    initiative.save()
    do_strike_off(before, date=days_ago(1), reason=StrikeOffReason.OPERATOR_NOTICE, actor=cast.admin)
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.SUSTAINED, actor=cast.animator)


def test_sustained_reached(cast, make_initiative):
    initiative = make_initiative(Stage.SUSTAINED)
    assert initiative.stage == Stage.SUSTAINED
    assert StageChange.objects.filter(initiative=initiative).count() == 11


def test_legal_steps_checklist(cast, make_initiative):
    initiative = make_initiative(Stage.FOUNDING_BODY_DECIDED)
    assert [k for k, _label, _done in initiative.legal_steps()][:2] == ["ops_statute", "ops_regulations"]
    initiative = do_set_legal_step(initiative, "ops_regulations", True, actor=cast.animator)
    assert {k: d for k, _l, d in initiative.legal_steps()}["ops_regulations"] is True
    with pytest.raises(ValidationError):
        do_set_legal_step(initiative, "council_resolution", True, actor=cast.animator)
    with pytest.raises(PermissionDenied):
        do_set_legal_step(initiative, "ops_statute", True, actor=cast.analyst)
    assert Initiative.objects.get(pk=initiative.pk).legal_steps_done == ["ops_regulations"]
