import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.animation import scenarios, services
from ksr.animation.models import AdviceVisit, AnimationEvent, Animator, ScenarioChoice
from ksr.animation.tests.helpers import animator, certified, team
from ksr.audit.models import AuditEntry
from ksr.surveys.readiness import Readiness
from ksr.surveys.tests.helpers import answered, answers, open_survey
from ksr.testing import unit

D = dt.date(2026, 5, 1)


@pytest.fixture
def readiness(monkeypatch):
    """Stand-in for ksr.surveys.readiness.gmina_readiness: set ``.level`` / ``.value`` per test."""
    state = SimpleNamespace(level=None, value=None)

    def fake(gmina):
        return Readiness(value=state.value, level=state.level, responses=1)

    monkeypatch.setattr(services, "gmina_readiness", fake)
    return state


def test_animator_path_candidate_to_active_is_audited(cast):
    a = animator(cast)
    with pytest.raises(ValidationError):
        services.do_change_animator_status(a, "trained", actor=cast.animator)  # no module yet
    with pytest.raises(ValidationError):
        services.do_record_examination(a, D, "passed", Decimal("80"), actor=cast.animator)  # candidate
    services.do_record_module(a, "Sektorowe usługi reintegracji", D, actor=cast.animator)
    services.do_change_animator_status(a, "trained", actor=cast.animator)
    with pytest.raises(ValidationError):
        services.do_change_animator_status(a, "certified", actor=cast.animator)  # no passed exam
    services.do_record_examination(a, D, "failed", Decimal("40"), actor=cast.animator)
    assert Animator.objects.get(pk=a.pk).status == "trained"
    services.do_record_examination(a, D, "passed", Decimal("85.5"), actor=cast.animator)
    a.refresh_from_db()
    assert a.status == "certified"
    services.do_change_animator_status(a, "active", actor=cast.animator)
    assert AuditEntry.objects.filter(object_id=str(a.pk), action="update").count() == 3


def test_disallowed_status_change_is_refused_and_nothing_written(cast):
    a = animator(cast)
    with pytest.raises(ValidationError):
        services.do_change_animator_status(a, "active", actor=cast.admin)
    assert Animator.objects.get(pk=a.pk).status == "candidate"


def test_exam_score_out_of_range(cast):
    a = certified(cast)
    with pytest.raises(ValidationError):
        services.do_record_examination(a, D, "passed", Decimal("120"), actor=cast.admin)


def test_animator_of_another_region_cannot_write(cast):
    a = animator(cast)
    for user in (cast.zenon, cast.analyst, cast.nobody, cast.kis_manager):
        with pytest.raises(PermissionDenied):
            services.do_record_module(a, "X", D, actor=user)
    with pytest.raises(PermissionDenied):
        services.do_create_animator(
            {"full_name": "X", "home_institution": cast.kis_krk, "region": unit("12")}, actor=cast.animator
        )


def test_team_needs_a_rops_of_its_region(cast):
    with pytest.raises(ValidationError):
        services.do_create_team(unit("14"), cast.ops_waw, "ZRAR", actor=cast.admin)
    with pytest.raises(PermissionDenied):
        services.do_create_team(unit("12"), cast.rops_maz, "ZRAR", actor=cast.animator)


def test_confirming_the_proposed_scenario(cast, readiness):
    readiness.level, readiness.value = "low", 30.0
    choice = services.do_choose_scenario(unit("1465011"), "inform_and_win_over", actor=cast.animator)
    assert choice.proposed_scenario == "inform_and_win_over"
    assert choice.readiness_value == 30.0
    assert not choice.is_changed


def test_changing_the_proposal_requires_a_reason(cast, readiness):
    readiness.level = "high"
    with pytest.raises(ValidationError) as exc:
        services.do_choose_scenario(unit("1465011"), "inform_and_win_over", actor=cast.animator, change_reason=" ")
    assert "change_reason" in exc.value.message_dict
    assert not ScenarioChoice.objects.exists()
    choice = services.do_choose_scenario(
        unit("1465011"),
        "inform_and_win_over",
        actor=cast.animator,
        change_reason="Nowy wójt, instytucje nie znają idei KIS.",
        baseline_survey="badanie-2026-1",
        follow_up_on=dt.date(2026, 12, 1),
    )
    assert choice.is_changed and choice.proposed_scenario == "build_partnership"
    # choosing again updates the same row
    services.do_choose_scenario(unit("1465011"), "build_partnership", actor=cast.animator)
    choice.refresh_from_db()
    assert ScenarioChoice.objects.count() == 1 and choice.change_reason == ""


def test_without_readiness_any_scenario_without_reason(cast):
    choice = services.do_choose_scenario(unit("1465011"), "joint_diagnosis", actor=cast.animator)
    assert choice.proposed_scenario == "" and choice.change_reason == ""


def test_scenario_in_another_region_is_refused(cast):
    with pytest.raises(PermissionDenied):
        services.do_choose_scenario(unit("1261011"), "joint_diagnosis", actor=cast.animator)


def test_event_with_institutions(cast):
    choice = services.do_choose_scenario(unit("1465011"), "joint_diagnosis", actor=cast.animator)
    event = services.do_log_event(
        {"kind": "seminar", "gmina": unit("1465011"), "scenario_choice": choice, "held_on": D, "title": "Seminarium"},
        actor=cast.animator,
        invited=[cast.library_waw, cast.ops_waw],
        present=[cast.library_waw],
    )
    assert list(event.present.all()) == [cast.library_waw]
    with pytest.raises(ValidationError):
        services.do_log_event(
            {"kind": "seminar", "gmina": unit("1432023"), "scenario_choice": choice, "held_on": D, "title": "X"},
            actor=cast.animator,
        )
    assert AnimationEvent.objects.count() == 1


def test_advice_visit_adoption_needs_date_and_evidence(cast):
    a = certified(cast)
    data = {"entity": cast.kis_waw, "visited_on": D, "animator": a, "topics": "Nowy profil usług"}
    with pytest.raises(ValidationError) as exc:
        services.do_record_advice_visit({**data, "adopted_new_profile": True}, actor=cast.animator)
    assert {"adopted_on", "adoption_evidence"} <= set(exc.value.message_dict)
    visit = services.do_record_advice_visit(
        {**data, "adopted_new_profile": True, "adopted_on": D, "adoption_evidence": "Uchwała zarządu"},
        actor=cast.animator,
    )
    assert visit.adopted_new_profile
    with pytest.raises(ValidationError):
        services.do_record_advice_visit({**data, "entity": cast.library_waw}, actor=cast.animator)
    assert AdviceVisit.objects.count() == 1


def test_osar_staff_edit_everywhere(cast):
    from ksr.accounts.models import Membership
    from ksr.registry.choices import OrganisationKind
    from ksr.testing import OrganisationFactory, UserFactory

    osar = OrganisationFactory(kind=OrganisationKind.ANIMATION_CENTRE)
    user = UserFactory(username="osar")
    Membership.objects.create(user=user, organisation=osar, role="specialist")
    a = animator(cast, cast.kis_krk, code="12")
    services.do_record_module(a, "Moduł", D, actor=user)
    assert a.modules.count() == 1
    team(cast, "12")


def test_attitude_change_links_to_the_surveys_app(cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 1  # the change on few sheets (the minimum: surveys' test_once_and_minimum)
    gmina = unit("1465011")
    assert scenarios.attitude_change(gmina, "", "") is None
    assert scenarios.attitude_change(gmina, "abc", "12345") is None  # no such surveys
    before = answered(open_survey(cast.animator, title="Przed"), answers())
    after = answered(open_survey(cast.animator, title="Po"), answers(), answers(q2="no", q5="no", q7="no", q9="no"))
    change = scenarios.attitude_change(gmina, str(before.pk), str(after.pk))
    assert change is not None
    assert change["before"]["responses"] == 1 and change["after"]["responses"] == 2
    assert change["score_change"] < 0
    other = open_survey(cast.animator, code="1432023", title="Inna gmina")
    assert scenarios.attitude_change(gmina, str(before.pk), str(other.pk)) is None


def test_a_stale_animator_is_refused_as_already_changed(cast):
    a = animator(cast)
    stale = Animator.objects.get(pk=a.pk)
    services.do_change_animator_status(a, "inactive", actor=cast.animator)
    with pytest.raises(ValidationError) as exc:
        services.do_change_animator_status(stale, "inactive", actor=cast.animator)
    assert exc.value.code == "already_changed"


def test_an_undeclared_move_is_refused(cast):
    a = animator(cast)
    with pytest.raises(ValidationError) as exc:
        services.do_change_animator_status(a, "certified", actor=cast.admin)
    assert exc.value.code == "invalid_transition"
    assert Animator.objects.get(pk=a.pk).status == "candidate"
