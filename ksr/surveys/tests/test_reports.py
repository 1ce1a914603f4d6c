from ksr.registry.models import Sector
from ksr.surveys.reports import national_diagram_data, readiness_report_data
from ksr.surveys.summary import summarise, theme_of
from ksr.surveys.tests.helpers import answered, answers, open_survey


def test_readiness_report_data_per_region_and_country(cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 1  # the formula on few sheets (the minimum: test_once_and_minimum)
    answered(open_survey(cast.animator), answers(), answers(q2="no", q5="no", q7="no", q9="no"))
    data = readiness_report_data()
    assert data["scope"] == "PL" and data["responses"] == 2
    assert data["regions"][0]["gminas"][0]["value"] == 50.0
    assert readiness_report_data("12")["regions"] == []


def test_national_diagram_counts_ngos_business_and_cooperation(cast):
    from ksr.testing import OrganisationFactory

    ngo = OrganisationFactory(kind="association")
    ngo.sectors.add(Sector.objects.get(code="culture"))
    OrganisationFactory(kind="foundation")  # no sector of the new profile
    OrganisationFactory(kind="employer")
    answered(open_survey(cast.animator), answers(), answers(q2="no"))
    row = next(r for r in national_diagram_data() if r["code"] == "14")
    assert (row["ngo_potential"], row["business_potential"], row["surveyed"], row["cooperation_share"]) == (
        1,
        1,
        2,
        50.0,
    )


def test_free_text_grouped_by_keyword(cast):
    assert theme_of("Kursy zawodowe dla bezrobotnych") == "work"
    assert theme_of("coś zupełnie innego") == "other"
    survey = answered(open_survey(cast.animator), answers(), answers(q6_items_1="kursy zawodowe"))
    data = summarise(list(survey.responses.all()))
    assert data["lists"]["q6.items"] == [("kursy zawodowe", 2)]
    assert sum(c["count"] for c in data["categories"]) == 2
