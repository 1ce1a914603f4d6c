import datetime as dt

import pytest
from django.urls import reverse

from ksr.procedures.choices import TaskStatus
from ksr.procedures.models import NeedResponse, ProcedureRun, ProcedureTask, VariantChoice
from ksr.procedures.tests.helpers import card, lsr, need, start
from ksr.testing import response_bytes

PAGES = ["procedures:card_list", "procedures:run_list", "procedures:request_list", "procedures:variant_list"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_login(client, cast, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "next=" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_render_for_a_signed_in_user(cast, login, name):
    response = login(cast.analyst).get(reverse(name))
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_card_catalogue_shows_every_card_and_its_fields(cast, login):
    card(1)
    body = login(cast.animator).get(reverse("procedures:card_list")).content.decode()
    for name in ("INICJACJA LSR", "LOKALNY MONITORING LSR", "ANALIZA POTRZEB I ZASOBÓW"):
        assert name in body
    assert "osoba odpowiedzialna w instytucji za procedurę" in body


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_run_list_query_count_does_not_grow(cast, login, django_assert_num_queries):
    client = login(cast.analyst)
    url = reverse("procedures:run_list")
    start(cast, 1)
    client.get(url)
    few = _count(client, url)
    network = ProcedureRun.objects.get().network
    for number in (2, 3, 4, 5, 6):
        start(cast, number, network=network)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.content.decode().count("/procedury/realizacje/") >= 6


def test_request_list_query_count_does_not_grow(cast, login, django_assert_num_queries):
    client = login(cast.kis_manager)
    url = reverse("procedures:request_list")
    need(cast)
    client.get(url)
    few = _count(client, url)
    for _ in range(5):
        need(cast)
    with django_assert_num_queries(few):
        client.get(url)


def test_run_list_filters_and_exports(cast, login):
    start(cast, 1)
    client = login(cast.animator)
    link = reverse("procedures:run_detail", args=[ProcedureRun.objects.get().pk]).encode()
    assert link in client.get(reverse("procedures:run_list"), {"status": "in_progress"}).content
    assert link not in client.get(reverse("procedures:run_list"), {"status": "completed"}).content
    response = client.get(reverse("procedures:run_list"), {"format": "csv"})
    assert response.status_code == 200 and "INICJACJA LSR" in response_bytes(response).decode()


def test_run_detail_is_404_for_another_voivodeship(cast, login):
    run = start(cast, 1)
    assert login(cast.zenon).get(reverse("procedures:run_detail", args=[run.pk])).status_code == 404


def test_animator_starts_a_run_from_the_form(cast, login):
    network = lsr(cast)
    response = login(cast.animator).post(
        reverse("procedures:run_create"),
        {"card": card(3).pk, "gmina": network.territory.pk, "network": network.pk, "responsible_person": "Anna, KIS"},
    )
    run = ProcedureRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("procedures:run_detail", args=[run.pk])
    assert run.tasks.count() == 3


@pytest.mark.parametrize("who", ["analyst", "partner", "nobody"])
def test_run_form_is_forbidden_to_other_roles(cast, login, who):
    assert login(getattr(cast, who)).get(reverse("procedures:run_create")).status_code == 403


def test_completing_a_task_through_the_form(cast, login):
    run = start(cast, 1)
    task = run.tasks.get(number=3)
    client = login(cast.animator)
    url = reverse("procedures:task_complete", args=[task.pk])
    response = client.post(url, {"summary": "Wysłano list"})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    response = client.post(
        url,
        {"summary": "Wysłano list", "product_date": dt.date.today().isoformat(), "recipients": [cast.library_waw.pk]},
    )
    assert response.status_code == 302
    assert ProcedureTask.objects.get(pk=task.pk).status == TaskStatus.DONE
    detail = client.get(reverse("procedures:run_detail", args=[run.pk])).content.decode()
    assert "Wysłano list" in detail and cast.library_waw.name in detail


def test_analyst_may_see_but_not_complete_tasks(cast, login):
    task = start(cast, 1).tasks.first()
    client = login(cast.analyst)
    assert client.get(reverse("procedures:run_detail", args=[task.run_id])).status_code == 200
    assert client.get(reverse("procedures:task_complete", args=[task.pk])).status_code == 403
    assert client.post(reverse("procedures:task_cancel", args=[task.pk]), {"reason": "x"}).status_code == 403


def test_cancel_form(cast, login):
    task = start(cast, 1).tasks.first()
    response = login(cast.kis_manager).post(reverse("procedures:task_cancel", args=[task.pk]), {"reason": "Zbędne"})
    assert response.status_code == 302
    assert ProcedureTask.objects.get(pk=task.pk).status == TaskStatus.CANCELLED


def test_partner_answers_a_request_with_a_decline(cast, login):
    request = need(cast)
    client = login(cast.partner)
    detail = client.get(reverse("procedures:request_detail", args=[request.pk])).content.decode()
    assert reverse("procedures:request_answer", args=[request.pk]) in detail
    url = reverse("procedures:request_answer", args=[request.pk])
    response = client.post(url, {"organisation": cast.library_waw.pk, "kind": "decline", "reason": ""})
    assert response.status_code == 400 and not NeedResponse.objects.exists()
    response = client.post(url, {"organisation": cast.library_waw.pk, "kind": "decline", "reason": "Brak sali"})
    assert response.status_code == 302
    assert NeedResponse.objects.get().reason == "Brak sali"


def test_non_addressee_cannot_open_the_answer_form(cast, login):
    request = need(cast)
    assert login(cast.kis_manager).get(reverse("procedures:request_answer", args=[request.pk])).status_code == 403
    assert login(cast.zenon).get(reverse("procedures:request_answer", args=[request.pk])).status_code == 404


def test_kis_creates_and_closes_a_request(cast, login):
    client = login(cast.kis_manager)
    response = client.post(
        reverse("procedures:request_create"),
        {
            "requester": cast.kis_waw.pk,
            "kind": "material",
            "description": "Materiały plastyczne",
            "needed_by": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
            "addressees": [cast.library_waw.pk],
        },
    )
    assert response.status_code == 302
    request_pk = int(response["Location"].rstrip("/").split("/")[-1])
    client.post(reverse("procedures:request_close", args=[request_pk]))
    closed = client.get(reverse("procedures:request_list"), {"open": "false"}).content.decode()
    assert reverse("procedures:request_detail", args=[request_pk]) in closed
    from ksr.procedures.models import NeedRequest

    assert NeedRequest.objects.get(pk=request_pk).closed_on is not None


def test_variant_form_shows_the_seed_criteria_and_records_the_choice(cast, login):
    client = login(cast.animator)
    body = client.get(reverse("procedures:variant_create")).content.decode()
    assert "Liderzy społeczni mają już doświadczenie" in body
    gmina = lsr(cast).territory
    response = client.post(reverse("procedures:variant_create"), {"gmina": gmina.pk, "variant": "civic"})
    assert response.status_code == 400 and not VariantChoice.objects.exists()
    response = client.post(
        reverse("procedures:variant_create"), {"gmina": gmina.pk, "partnership_experience": "on", "variant": ""}
    )
    assert response.status_code == 302
    assert VariantChoice.objects.get().variant == "administrative"


def test_run_detail_offers_the_open_steps_to_editors_and_flags_overdue_ones(cast, login):
    run = start(cast, 1)
    first, second = run.tasks.order_by("number")[:2]
    ProcedureTask.objects.filter(pk=first.pk).update(due_on=dt.date.today() - dt.timedelta(days=1))
    ProcedureTask.objects.filter(pk=second.pk).update(status=TaskStatus.CANCELLED)
    url = reverse("procedures:run_detail", args=[run.pk])
    html = login(cast.animator).get(url).content.decode()
    assert reverse("procedures:task_complete", args=[first.pk]) in html
    assert reverse("procedures:task_complete", args=[second.pk]) not in html  # a cancelled step is final
    assert html.count('badge badge-danger">') == 1  # the overdue first step
    assert reverse("procedures:task_complete", args=[first.pk]) not in login(cast.analyst).get(url).content.decode()
