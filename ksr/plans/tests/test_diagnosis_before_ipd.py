"""The diagnosis comes before the IPD: recorded through the API, required (dated on or before the
day) to set the plan, at its boundary through the service, the page and the API; the plan page
shows the weeks of observation with Polish plural forms."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ksr.audit.models import AuditEntry
from ksr.plans.choices import PlanStatus
from ksr.plans.models import ActionPlan, PotentialAssessment, observation_weeks_passed
from ksr.plans.services import do_add_plan_goal, do_change_plan_status, do_save_action_plan
from ksr.plans.tests.helpers import TODAY, diagnose, make_case

pytestmark = pytest.mark.django_db
BASE = "/api/v1/plans/"
DIAGNOSED = TODAY - dt.timedelta(days=10)
DAY = dt.timedelta(days=1)


def _plan(cast, case):
    plan = do_save_action_plan(case, {"diagnosis_summary": "Obserwacja"}, actor=cast.case_manager)
    do_add_plan_goal(plan, {"goal": "Zajęcia"}, actor=cast.case_manager)
    return plan


def test_no_diagnosis_no_ipd(cast):
    case = make_case(cast)
    plan = _plan(cast, case)
    with pytest.raises(ValidationError) as exc:
        do_change_plan_status(plan, PlanStatus.SET, actor=cast.case_manager, on=TODAY)
    assert "status" in exc.value.message_dict
    assert ActionPlan.objects.get().status == PlanStatus.DRAFT


def test_the_day_before_the_diagnosis_refused_the_day_itself_set(cast):
    case = make_case(cast)
    plan = _plan(cast, case)
    diagnose(cast, case, on=DIAGNOSED)
    with pytest.raises(ValidationError):
        do_change_plan_status(plan, PlanStatus.SET, actor=cast.case_manager, on=DIAGNOSED - DAY)
    assert ActionPlan.objects.get().status == PlanStatus.DRAFT
    do_change_plan_status(plan, PlanStatus.SET, actor=cast.case_manager, on=DIAGNOSED)
    assert ActionPlan.objects.get().set_on == DIAGNOSED


def test_api_records_the_diagnosis_then_sets_the_plan(cast, login):
    case = make_case(cast)
    plan = _plan(cast, case)
    client = login(cast.case_manager)
    url = f"{BASE}action-plans/{plan.pk}/status/"
    response = client.post(url, {"status": "set"}, content_type="application/json")
    assert response.status_code == 400 and "status" in response.json()
    body = {
        "case": case.pk,
        "assessed_on": DIAGNOSED.isoformat(),
        "summary": "Deficyty w relacjach, zasób: motywacja.",
        "items": [
            {"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2},
            {"dimension": "individual", "area": "social_skills", "kind": "resource", "level": 4},
        ],
    }
    response = client.post(f"{BASE}potential-assessments/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["assessed_by"] == cast.case_manager.pk and len(created["items"]) == 2
    assert AuditEntry.objects.filter(action="create", object_id=str(created["id"])).exists()
    response = client.post(url, {"status": "set", "on": (DIAGNOSED - DAY).isoformat()}, content_type="application/json")
    assert response.status_code == 400
    response = client.post(url, {"status": "set", "on": DIAGNOSED.isoformat()}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "set"


def test_api_refuses_a_diagnosis_without_items_or_of_another_club(cast, login):
    case = make_case(cast)
    body = {"case": case.pk, "assessed_on": DIAGNOSED.isoformat(), "items": []}
    response = login(cast.case_manager).post(f"{BASE}potential-assessments/", body, content_type="application/json")
    assert response.status_code == 400
    response = login(cast.zenon).post(
        f"{BASE}potential-assessments/",
        {**body, "items": [{"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2}]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "case" in response.json()
    assert not PotentialAssessment.objects.exists()


def test_the_page_refuses_to_set_without_a_diagnosis_and_says_why(cast, login):
    case = make_case(cast)
    _plan(cast, case)
    client = login(cast.case_manager)
    page = client.get(reverse("plans:case_plan", kwargs={"case_pk": case.pk})).content.decode()
    assert "observation-weeks" in page and "nie można ustalić" in page
    client.post(reverse("plans:plan_status", kwargs={"case_pk": case.pk}), {"status": "set"})
    assert ActionPlan.objects.get().status == PlanStatus.DRAFT
    diagnose(cast, case, on=case.opened_on)
    client.post(reverse("plans:plan_status", kwargs={"case_pk": case.pk}), {"status": "set"})
    assert ActionPlan.objects.get().status == PlanStatus.SET


@pytest.mark.parametrize(
    ("days", "weeks", "polish"),
    [(6, 0, "0 tygodni"), (7, 1, "1 tydzień"), (14, 2, "2 tygodnie"), (34, 4, "4 tygodnie"), (35, 5, "5 tygodni")],
)
def test_weeks_of_observation_in_polish(cast, login, days, weeks, polish):
    case = make_case(cast, opened_on=timezone.localdate() - dt.timedelta(days=days))
    assert observation_weeks_passed(case, timezone.localdate()) == weeks
    with translation.override("pl"):
        page = login(cast.case_manager).get(reverse("plans:case_plan", kwargs={"case_pk": case.pk}))
    assert polish in " ".join(page.content.decode().split())
