import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.plans.choices import PLAN_MACHINE, OutcomeMeasure, PlanStatus
from ksr.plans.models import ActionPlan, OutcomeAssessment, OutcomeEvent, PotentialAssessment, ipd_due_on
from ksr.plans.queries import due_items
from ksr.plans.services import (
    do_add_plan_goal,
    do_change_plan_status,
    do_create_outcome_assessment,
    do_create_potential_assessment,
    do_record_outcome,
    do_save_action_plan,
)
from ksr.plans.tests.helpers import TODAY, diagnose, make_case, make_contract
from ksr.registry.models import Sector

pytestmark = pytest.mark.django_db


def test_ipd_due_six_weeks_after_opening_by_default(cast, settings):
    case = make_case(cast)
    assert ipd_due_on(case) == case.opened_on + dt.timedelta(weeks=6)
    settings.KSR_IPD_OBSERVATION_WEEKS = 8
    assert ipd_due_on(case) == case.opened_on + dt.timedelta(weeks=8)


def test_plan_lifecycle_and_sectors(cast):
    case = make_case(cast)
    plan = do_save_action_plan(
        case,
        {"diagnosis_summary": "Obserwacja", "sectors": list(Sector.objects.filter(code="culture"))},
        actor=cast.case_manager,
    )
    assert [s.code for s in plan.sectors.all()] == ["culture"]
    with pytest.raises(ValidationError):
        do_save_action_plan(case, {"sectors": list(Sector.objects.filter(code="business"))}, actor=cast.case_manager)
    with pytest.raises(ValidationError):  # no goal yet
        do_change_plan_status(plan, PlanStatus.SET, actor=cast.case_manager)
    do_add_plan_goal(
        plan,
        {"goal": "Udział w zajęciach teatralnych", "sector": Sector.objects.get(code="culture")},
        actor=cast.case_manager,
    )
    diagnose(cast, case)
    do_change_plan_status(plan, PlanStatus.SET, actor=cast.case_manager, on=TODAY)
    assert ActionPlan.objects.get().set_on == TODAY
    with pytest.raises(PermissionDenied):
        do_add_plan_goal(plan, {"goal": "x"}, actor=cast.specialist)


@pytest.mark.parametrize("old", list(PlanStatus))
@pytest.mark.parametrize("new", list(PlanStatus))
def test_plan_transitions_both_ways(old, new):
    allowed = {("draft", "set"), ("set", "draft"), ("set", "closed")}
    assert ActionPlan(status=old).can_move_to(new) is ((old.value, new.value) in allowed)
    assert (new in PLAN_MACHINE.targets(old)) is ((old.value, new.value) in allowed)


def test_potential_assessment_items(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError):
        do_create_potential_assessment(case, {"assessed_on": TODAY}, [], actor=cast.kis_manager)
    items = [
        {"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2, "note": "Unika kontaktu"},
        {"dimension": "environment", "area": "family", "kind": "resource", "level": 4, "note": "Wspiera siostra"},
    ]
    a = do_create_potential_assessment(case, {"assessed_on": TODAY, "summary": "s"}, items, actor=cast.kis_manager)
    assert a.items.count() == 2
    with pytest.raises(ValidationError):
        do_create_potential_assessment(case, {"assessed_on": TODAY}, [{**items[0], "level": 9}], actor=cast.kis_manager)
    assert PotentialAssessment.objects.count() == 1


def _scores(value):
    return [{"measure": m.value, "score": value, "comment": ""} for m in OutcomeMeasure]


def test_outcome_assessment_needs_all_nine(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError):
        do_create_outcome_assessment(case, {"assessed_on": TODAY}, _scores(3)[:8], actor=cast.case_manager)
    do_create_outcome_assessment(case, {"assessed_on": TODAY}, _scores(3), actor=cast.case_manager)
    with pytest.raises(ValidationError):  # same day twice
        do_create_outcome_assessment(case, {"assessed_on": TODAY}, _scores(4), actor=cast.case_manager)
    assert OutcomeAssessment.objects.get().scores.count() == 9


def test_outcome_events_hard_and_soft(cast):
    case = make_case(cast)
    job = do_record_outcome(case, {"kind": "job", "occurred_on": TODAY}, actor=cast.case_manager)
    soft = do_record_outcome(case, {"kind": "therapy", "occurred_on": TODAY}, actor=cast.case_manager)
    assert (job.outcome_type, soft.outcome_type) == ("hard", "soft")
    with pytest.raises(ValidationError):
        do_record_outcome(
            case, {"kind": "job", "occurred_on": case.opened_on - dt.timedelta(days=1)}, actor=cast.case_manager
        )
    with pytest.raises(PermissionDenied):
        do_record_outcome(case, {"kind": "job", "occurred_on": TODAY}, actor=cast.zenon)
    assert OutcomeEvent.objects.count() == 2


def test_due_items_ipd_and_reviews(cast):
    case = make_case(cast, opened_on=TODAY)
    contract = make_contract(cast, case, signed=True)
    due = ipd_due_on(case)
    items = due_items([case], TODAY, TODAY + dt.timedelta(days=100))
    kinds = [(i["kind"] if isinstance(i, dict) else i.kind) for i in items]
    assert kinds == ["ipd_due", "contract_review"]
    first = items[0]
    assert (first["date"] if isinstance(first, dict) else first.date) == due
    assert due_items([case], TODAY, TODAY + dt.timedelta(days=10)) == []
    plan = do_save_action_plan(case, {}, actor=cast.kis_manager)
    do_add_plan_goal(plan, {"goal": "g"}, actor=cast.kis_manager)
    diagnose(cast, case)
    do_change_plan_status(plan, PlanStatus.SET, actor=cast.kis_manager)
    assert len(due_items([case], TODAY, TODAY + dt.timedelta(days=100))) == 1
    assert contract.next_review_on == TODAY + dt.timedelta(days=90)
