import datetime as dt

import pytest
from django.urls import reverse

from ksr.audit.models import AuditEntry
from ksr.partnerships import services
from ksr.partnerships.models import AgreementVersion, Partnership
from ksr.partnerships.tests.helpers import lsr, partnership, pdf, signed_partnership


def test_anonymous_is_sent_to_login(client, cast):
    p = partnership(cast)
    for url in (
        reverse("partnerships:network_partnerships", kwargs={"network_pk": p.network_id}),
        reverse("partnerships:partnership_detail", args=[p.pk]),
    ):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize("who", ["zenon", "nobody"])
def test_other_voivodeship_and_nobody_get_404(cast, login, who):
    p = signed_partnership(cast)
    version = p.agreement_versions.get()
    client = login(getattr(cast, who))
    assert (
        client.get(reverse("partnerships:network_partnerships", kwargs={"network_pk": p.network_id})).status_code == 404
    )
    assert client.get(reverse("partnerships:partnership_detail", args=[p.pk])).status_code == 404
    assert client.get(reverse("partnerships:agreement_download", args=[p.pk, version.pk])).status_code == 404
    assert client.get(reverse("partnerships:partnership_list")).context["object_list"].count() == 0


def test_wrong_role_sees_but_cannot_edit(cast, login):
    p = partnership(cast)
    client = login(cast.partner)
    response = client.get(reverse("partnerships:partnership_detail", args=[p.pk]))
    assert response.status_code == 200 and not response.context["can_edit"]
    assert client.get(reverse("partnerships:partnership_update", args=[p.pk])).status_code == 403
    assert (
        client.post(reverse("partnerships:partnership_transition", args=[p.pk]), {"status": "consultation"}).status_code
        == 403
    )
    p.refresh_from_db()
    assert p.status == "draft"


def test_kis_manager_creates_a_partnership_led_by_the_kis(cast, login):
    network = lsr(cast)
    client = login(cast.kis_manager)
    url = reverse("partnerships:partnership_create", kwargs={"network_pk": network.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Partnerstwo Praga", "goal": "Aktywizacja", "form": "agreement"})
    p = Partnership.objects.get()
    assert response.status_code == 302 and p.leader == cast.kis_waw
    assert AuditEntry.objects.filter(content_type__model="partnership", object_id=str(p.pk)).exists()


def test_list_query_count_does_not_grow(cast, login, django_assert_num_queries):
    network = lsr(cast)
    partnership(cast, network)
    client = login(cast.coordinator)
    url = reverse("partnerships:network_partnerships", kwargs={"network_pk": network.pk})
    client.get(url)
    with django_assert_num_queries(10) as few:
        client.get(url)
    for i in range(6):
        partnership(cast, network, name=f"P{i}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["object_list"]) == 7


def test_detail_lists_partners_versions_and_flags_overdue_conclusions(cast, login):
    p = signed_partnership(cast)
    ev = services.do_create_evaluation(p, {"held_on": dt.date(2026, 1, 1), "findings": "Ustalenia"}, actor=cast.admin)
    services.do_add_conclusion(
        ev, {"text": "Raport kwartalny", "assignee": cast.ops_waw, "due_on": dt.date(2020, 1, 1)}, actor=cast.admin
    )
    content = login(cast.animator).get(reverse("partnerships:partnership_detail", args=[p.pk])).content.decode()
    assert "MOPS Warszawa" in content and "Raport kwartalny" in content and "badge-danger" in content
    partner_page = login(cast.animator).get(reverse("partnerships:organisation_conclusions", args=[cast.ops_waw.pk]))
    assert "Raport kwartalny" in partner_page.content.decode()


def test_agreement_upload_rejects_non_pdf_with_a_clear_message(cast, login):
    p = partnership(cast)
    client = login(cast.kis_manager)
    url = reverse("partnerships:agreement_upload", args=[p.pk])
    response = client.post(url, {"file": pdf("umowa.pdf", b"GIF89a")})
    assert response.status_code == 400 and not AgreementVersion.objects.exists()
    assert response.context["form"].errors["file"]
    assert client.post(url, {"file": pdf()}).status_code == 302
    version = AgreementVersion.objects.get()
    download = client.get(reverse("partnerships:agreement_download", args=[p.pk, version.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_pact_page_shows_clauses_and_no_financial_obligations(cast, login):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd m.st. Warszawy"}, actor=cast.admin)
    services.do_join_pact(pact, cast.ops_waw, actor=cast.admin)
    response = login(cast.coordinator).get(reverse("partnerships:pact_detail", args=[pact.pk]))
    content = response.content.decode()
    assert (
        "PAKT NA RZECZ MODELU LOKALNEJ WSPÓŁPRACY" in content and "financial" in content.lower()
    ) or "finansow" in content
    assert "Urząd m.st. Warszawy" in content and "MOPS Warszawa" in content


def test_pact_withdraw_view_dissolves(cast, login):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd"}, actor=cast.admin)
    rows = [services.do_join_pact(pact, o, actor=cast.admin) for o in (cast.kis_waw, cast.ops_waw, cast.library_waw)]
    services.do_transition_pact(pact, "consultation", actor=cast.admin)
    services.do_transition_pact(pact, "signed", actor=cast.admin)
    client = login(cast.kis_manager)
    response = client.post(reverse("partnerships:pact_withdraw", args=[pact.pk, rows[0].pk]), {"reason": "Zmiana"})
    assert response.status_code == 302
    pact.refresh_from_db()
    assert pact.status == "dissolved"


def test_team_and_attitude_pages(cast, login):
    network = lsr(cast)
    client = login(cast.coordinator)
    response = client.post(
        reverse("partnerships:team_create", kwargs={"network_pk": network.pk}),
        {"name": "ZSL Warszawa", "formed_by_kind": "order", "formed_by_body": "Prezydent"},
    )
    assert response.status_code == 302
    for day, attitude in ((dt.date(2026, 1, 1), "neutral"), (dt.date(2026, 9, 1), "supporter")):
        services.do_record_attitude(
            network, {"organisation": cast.ops_waw, "assessed_on": day, "attitude": attitude}, actor=cast.admin
        )
    page = client.get(reverse("partnerships:attitudes", kwargs={"network_pk": network.pk}))
    assert page.context["table"].row("supporter").after == 1
    assert (
        client.get(
            reverse("partnerships:attitudes", kwargs={"network_pk": network.pk}),
            {"before": "2026-02-01", "after": "2026-03-01"},
        )
        .context["table"]
        .row("supporter")
        .after
        == 0
    )


def test_every_page_renders_for_an_editor(cast, login):
    p = signed_partnership(cast)
    network = p.network
    ev = services.do_create_evaluation(p, {"held_on": dt.date(2026, 1, 1), "findings": "F"}, actor=cast.admin)
    task = services.do_create_task(p, {"title": "T", "owner": cast.kis_waw, "year": 2026}, actor=cast.admin)
    partner = p.partners.get(role="leader")
    pact = services.do_create_pact(network, {"original_keeper": "Urząd"}, actor=cast.admin)
    signatory = services.do_join_pact(pact, cast.ops_waw, actor=cast.admin)
    team = services.do_create_team(network, {"formed_by_kind": "order", "formed_by_body": "Wójt"}, actor=cast.admin)
    team_task = services.do_create_team_task(team, {"kind": "draft_pact"}, actor=cast.admin)
    services.do_add_team_member(team, {"person_name": "Anna"}, actor=cast.admin)
    client = login(cast.kis_manager)
    urls = [
        reverse("partnerships:partnership_list"),
        reverse("partnerships:network_partnerships", args=[network.pk]),
        reverse("partnerships:partnership_create", args=[network.pk]),
        reverse("partnerships:pact_create", args=[network.pk]),
        reverse("partnerships:team_create", args=[network.pk]),
        reverse("partnerships:attitude_create", args=[network.pk]),
        reverse("partnerships:partnership_update", args=[p.pk]),
        reverse("partnerships:partner_add", args=[p.pk]),
        reverse("partnerships:partner_update", args=[p.pk, partner.pk]),
        reverse("partnerships:contribution_add", args=[p.pk, partner.pk]),
        reverse("partnerships:agreement_upload", args=[p.pk]),
        reverse("partnerships:task_create", args=[p.pk]),
        reverse("partnerships:task_update", args=[p.pk, task.pk]),
        reverse("partnerships:evaluation_create", args=[p.pk]),
        reverse("partnerships:conclusion_add", args=[p.pk, ev.pk]),
        reverse("partnerships:pact_detail", args=[pact.pk]),
        reverse("partnerships:pact_update", args=[pact.pk]),
        reverse("partnerships:pact_join", args=[pact.pk]),
        reverse("partnerships:pact_withdraw", args=[pact.pk, signatory.pk]),
        reverse("partnerships:team_detail", args=[team.pk]),
        reverse("partnerships:team_update", args=[team.pk]),
        reverse("partnerships:team_member_add", args=[team.pk]),
        reverse("partnerships:team_task_create", args=[team.pk]),
        reverse("partnerships:team_task_update", args=[team.pk, team_task.pk]),
        reverse("partnerships:organisation_conclusions", args=[cast.ops_waw.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url
    assert login(cast.zenon).get(reverse("partnerships:team_detail", args=[team.pk])).status_code == 404
