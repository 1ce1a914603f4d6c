"""The readiness survey: questions 6, 8 and 11 show their text; each institution's link accepts
one answer sheet and stays anonymous; a readiness level only from the minimum number of answers."""

import re

import pytest
from django.urls import reverse

from ksr.surveys import readiness as R
from ksr.surveys.models import Response
from ksr.surveys.questionnaire import BY_CODE
from ksr.surveys.tests.helpers import answered, answers, open_survey

pytestmark = pytest.mark.django_db


def test_list_questions_show_their_text(client, cast):
    survey = open_survey(cast.animator)
    page = client.get(reverse("surveys:answer", args=[survey.invitations.first().token])).content.decode()
    for code in ("q6", "q8", "q11"):
        assert BY_CODE[code].text("pl")[:40] in page


def test_an_invitation_link_accepts_one_answer_sheet(client, cast):
    survey = open_survey(cast.animator)
    invitation = survey.invitations.first()
    url = reverse("surveys:answer", args=[invitation.token])
    assert client.post(url, answers()).status_code == 200
    again = client.post(url, answers(q9="no"))
    assert again.status_code == 410 and "już" in again.content.decode()
    assert client.get(url).status_code == 410
    assert Response.objects.count() == 1
    invitation.refresh_from_db()
    assert invitation.answered
    # Anonymous: the response holds no reference to the invitation or its institution.
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"invitation", "organisation", "token"}


def test_the_common_link_does_not_take_answers_once_institutions_are_invited(client, cast):
    survey = open_survey(cast.animator)
    url = reverse("surveys:answer", args=[survey.token])
    assert client.post(url, answers()).status_code == 403
    assert not Response.objects.exists()


def test_another_institution_link_still_answers(client, cast):
    survey = open_survey(cast.animator)
    first, second = survey.invitations.all()[:2]
    client.post(reverse("surveys:answer", args=[first.token]), answers())
    assert client.post(reverse("surveys:answer", args=[second.token]), answers()).status_code == 200
    assert Response.objects.count() == 2


@pytest.mark.parametrize(("count", "known"), [(1, False), (4, False), (5, True), (6, True)])
def test_readiness_only_from_the_minimum_number_of_answers(cast, count, known):
    survey = answered(open_survey(cast.animator), *[answers() for _ in range(count)])
    readiness = R.gmina_readiness(survey.gmina)
    assert (readiness.value is not None) is known and readiness.too_few is not known
    assert readiness.responses == count
    if not known:
        assert readiness.level is None and readiness.components["willingness_share"] is None


def test_the_minimum_is_a_setting(cast, settings):
    settings.KSR_SURVEY_MIN_RESPONSES = 2
    survey = answered(open_survey(cast.animator), answers(), answers())
    assert R.gmina_readiness(survey.gmina).value == 100.0


def test_pages_and_api_say_too_few_answers(login, cast):
    survey = answered(open_survey(cast.animator), answers())
    client = login(cast.animator)
    gmina = client.get(reverse("surveys:readiness_gmina", args=[survey.gmina.code])).content.decode()
    detail = client.get(reverse("surveys:survey_detail", args=[survey.pk])).content.decode()
    lead = re.search(r'id="gmina-readiness">(.*?)</p>', gmina, re.S).group(1)
    assert "za mało odpowiedzi: 1 odpowiedź, potrzeba co najmniej 5" in " ".join(lead.split())
    assert "100" not in lead and "wysoka" not in lead
    assert "za mało odpowiedzi" in detail and "/ 100 (" not in detail
    body = client.get(f"/api/v1/surveys/surveys/{survey.pk}/readiness/").json()
    assert body["value"] is None and body["level"] is None and body["too_few_responses"] is True
