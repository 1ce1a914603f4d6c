from types import SimpleNamespace

import pytest
from django.utils import timezone

from ksr.surveys import readiness as R
from ksr.surveys.reports import readiness_report_data
from ksr.surveys.services import do_create_interview
from ksr.surveys.tests.helpers import answered, answers, open_survey
from ksr.testing import unit


def resp(q2=True, q3=None, q4=None, q5=False, q7=False, q9=False):
    return SimpleNamespace(
        q2_partnership=q2, q3_signatory=q3, q4_lasting=q4, q5_should_exist=q5, q7_tasks=q7, q9_willing=q9
    )


@pytest.mark.parametrize(
    ("r", "score"),
    [
        (resp(q2=False), 0.0),
        (resp(q2=False, q5=True, q7=True, q9=True), 80.0),
        (resp(q2=True, q3=True, q4=True, q5=True, q7=True, q9=True), 100.0),
        (resp(q2=True), 10.0),
        (resp(q2=True, q3=True), 15.0),
        (resp(q2=False, q9=True), 40.0),
        (resp(q2=False, q7=True, q9=True), 65.0),
    ],
)
def test_response_score_formula(r, score):
    assert R.response_score(r) == score


@pytest.mark.parametrize(
    ("value", "level"),
    [(None, None), (0, "low"), (39.99, "low"), (40, "medium"), (69.99, "medium"), (70, "high"), (100, "high")],
)
def test_level_thresholds(value, level):
    assert R.level_of(value) == level


def test_combine_with_and_without_interviews():
    assert R.combine(None, 100) is None
    assert R.combine(50, None) == 50
    assert R.combine(50, 100) == 60
    assert R.rating_to_score(1) == 0 and R.rating_to_score(5) == 100 and R.rating_to_score(3) == 50


def test_gmina_readiness_uses_latest_survey_and_interviews(cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 1  # the formula on few sheets (the minimum: test_once_and_minimum)
    gmina = unit("1465011")
    assert R.gmina_readiness(gmina).value is None
    survey = answered(open_survey(cast.animator), answers(), answers(q2="no", q5="no", q7="no", q9="no"))
    r = R.gmina_readiness(gmina)
    assert (r.value, r.level, r.responses) == (50.0, "medium", 2)
    do_create_interview(
        gmina=gmina,
        kind="fgi",
        held_on=timezone.localdate(),
        duration_minutes=90,
        moderator="M",
        participants=["a"] * 6,
        rating=5,
        survey=survey,
        actor=cast.animator,
    )
    r = R.gmina_readiness(gmina)
    assert r.value == 60.0 and r.components["interview_count"] == 1


def test_region_readiness_and_attitude_change(cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 1  # the formula on few sheets (the minimum: test_once_and_minimum)
    gmina = unit("1465011")
    before = answered(open_survey(cast.animator), answers(q2="no", q5="no", q7="no", q9="no"))
    after = answered(open_survey(cast.animator, repeat_of=before), answers(q2="no", q5="no", q7="no", q9="yes"))
    answered(open_survey(cast.animator, code="1432023"), answers())
    region = readiness_report_data("14")["regions"][0]
    assert region["value"] == 70.0 and len(region["gminas"]) == 2
    change = R.attitude_change(gmina, before, after)
    assert change["score_change"] == 40.0 and change["willingness_change"] == 100.0
    assert (change["level_before"], change["level_after"]) == ("low", "medium")
