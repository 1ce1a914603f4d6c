import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from ksr.audit.models import AuditEntry
from ksr.partnerships import services
from ksr.partnerships.choices import PACT_MACHINE, PARTNERSHIP_MACHINE, PactStatus, PartnershipStatus, TaskStatus
from ksr.partnerships.models import ActionTask, AgreementVersion, Conclusion, Pact, Partnership
from ksr.partnerships.tests.helpers import lsr, partnership, pdf, signed_partnership, type_c_org


def _put_in(p: Partnership, status: str) -> None:
    Partnership.objects.filter(pk=p.pk).update(status=status)
    p.refresh_from_db()


@pytest.mark.parametrize(("old", "new"), list(itertools.product(PartnershipStatus.values, repeat=2)))
def test_partnership_transitions_both_ways(cast, old, new):
    p = partnership(cast, form="informal")
    _put_in(p, old)
    if new in PARTNERSHIP_MACHINE.targets(old):
        services.do_transition_partnership(p, new, actor=cast.admin)
        p.refresh_from_db()
        assert p.status == new
    else:
        with pytest.raises(ValidationError):
            services.do_transition_partnership(p, new, actor=cast.admin)
        p.refresh_from_db()
        assert p.status == old


@pytest.mark.parametrize(("old", "new"), list(itertools.product(PactStatus.values, repeat=2)))
def test_pact_transitions_both_ways(cast, old, new):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.admin)
    for org in (cast.kis_waw, cast.ops_waw, cast.library_waw):
        services.do_join_pact(pact, org, actor=cast.admin)
    Pact.objects.filter(pk=pact.pk).update(status=old)
    pact.refresh_from_db()
    # Dissolution is taken by the withdrawal of the signatory that leaves fewer than three, not by hand.
    if new in PACT_MACHINE.targets(old) and new != PactStatus.DISSOLVED:
        services.do_transition_pact(pact, new, actor=cast.admin)
        pact.refresh_from_db()
        assert pact.status == new
    else:
        with pytest.raises(ValidationError):
            services.do_transition_pact(pact, new, actor=cast.admin)


def test_the_kis_main_node_always_leads_a_partnership_in_an_lsr(cast):
    p = partnership(cast, leader=cast.ops_waw)
    assert p.leader == cast.kis_waw
    assert p.partners.get().role == "leader"
    with pytest.raises(ValidationError) as err:
        services.do_update_partnership(p, {"leader": cast.ops_waw}, actor=cast.admin)
    assert "leader" in err.value.message_dict
    p.refresh_from_db()
    assert p.leader == cast.kis_waw


def test_create_partnership_is_audited_and_needs_an_editor(cast):
    p = partnership(cast)
    assert AuditEntry.objects.filter(object_id=str(p.pk), action="create", content_type__model="partnership").exists()
    for user in (cast.partner, cast.zenon, cast.nobody, cast.ops_worker):
        with pytest.raises(PermissionDenied):
            services.do_create_partnership(p.network, {"name": "X", "goal": "Y"}, actor=user)
    assert Partnership.objects.count() == 1


def test_signing_needs_a_signed_agreement(cast):
    p = partnership(cast)
    services.do_transition_partnership(p, "consultation", actor=cast.kis_manager)
    with pytest.raises(ValidationError):
        services.do_transition_partnership(p, "signed", actor=cast.kis_manager)
    services.do_upload_agreement(p, pdf(), actor=cast.kis_manager, signed_on=dt.date(2026, 2, 1))
    p = services.do_transition_partnership(p, "signed", actor=cast.kis_manager, on=dt.date(2026, 2, 2))
    assert p.status == "signed" and p.signed_on == dt.date(2026, 2, 2)


def test_agreement_versions_are_numbered_and_record_the_uploader(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = partnership(cast)
    v1 = services.do_upload_agreement(p, pdf(), actor=cast.kis_manager)
    v2 = services.do_upload_agreement(p, pdf(), actor=cast.coordinator, signed_on=dt.date(2026, 3, 1))
    assert (v1.number, v2.number) == (1, 2)
    assert v2.uploaded_by == cast.coordinator and v2.uploaded_at is not None
    with v2.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_agreement_must_be_a_pdf_within_the_size_limit(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = partnership(cast)
    with pytest.raises(ValidationError) as err:
        services.do_upload_agreement(p, pdf("umowa.pdf", b"PK\x03\x04 not a pdf"), actor=cast.admin)
    assert "PDF" in str(err.value.message_dict["file"])
    big = pdf("big.pdf", b"%PDF-" + b"0" * services.MAX_AGREEMENT_BYTES)
    with pytest.raises(ValidationError):
        services.do_upload_agreement(p, big, actor=cast.admin)
    assert not AgreementVersion.objects.exists()


def test_partners_leave_with_history_but_the_leader_cannot(cast):
    p = partnership(cast)
    ops = services.do_add_partner(
        p, cast.ops_waw, {"role": "partner", "joined_on": dt.date(2026, 1, 1)}, actor=cast.admin
    )
    with pytest.raises(ValidationError):
        services.do_add_partner(p, cast.ops_waw, {}, actor=cast.admin)
    services.do_add_contribution(ops, {"kind": "premises", "description": "Sala", "value": 1200}, actor=cast.admin)
    services.do_remove_partner(ops, actor=cast.admin, on=dt.date(2026, 5, 1))
    ops.refresh_from_db()
    assert ops.left_on == dt.date(2026, 5, 1) and ops.contributions.count() == 1
    with pytest.raises(ValidationError):
        services.do_remove_partner(p.partners.get(role="leader"), actor=cast.admin)
    again = services.do_add_partner(p, cast.ops_waw, {}, actor=cast.admin)
    assert p.partners.filter(organisation=cast.ops_waw).count() == 2 and again.left_on is None


def test_tasks_are_owned_by_current_partners_within_the_plan_years(cast):
    p = partnership(cast, plan_from_year=2026, plan_to_year=2028)
    with pytest.raises(ValidationError) as err:
        services.do_create_task(p, {"title": "Warsztaty", "owner": cast.ops_waw, "year": 2026}, actor=cast.admin)
    assert "owner" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.do_create_task(p, {"title": "Warsztaty", "owner": cast.kis_waw, "year": 2030}, actor=cast.admin)
    with pytest.raises(ValidationError):
        services.do_create_task(p, {"title": "Warsztaty", "owner": cast.kis_waw}, actor=cast.admin)
    task = services.do_create_task(
        p, {"title": "Warsztaty", "owner": cast.kis_waw, "year": 2027, "quarter": 2}, actor=cast.admin
    )
    assert task.period_start == dt.date(2027, 4, 1)


def test_conclusions_bind_a_current_partner_and_overdue_ones_are_flagged(cast):
    p = partnership(cast)
    services.do_add_partner(p, cast.ops_waw, {}, actor=cast.admin)
    ev = services.do_create_evaluation(
        p, {"held_on": dt.date(2026, 1, 1), "findings": "Mało spotkań"}, actor=cast.admin
    )
    with pytest.raises(ValidationError):
        services.do_add_conclusion(
            ev, {"text": "X", "assignee": cast.library_waw, "due_on": dt.date(2026, 2, 1)}, actor=cast.admin
        )
    late = services.do_add_conclusion(
        ev, {"text": "Spotkania co miesiąc", "assignee": cast.ops_waw, "due_on": dt.date(2020, 2, 1)}, actor=cast.admin
    )
    future = services.do_add_conclusion(
        ev, {"text": "Raport", "assignee": cast.ops_waw, "due_on": dt.date(2099, 1, 1)}, actor=cast.admin
    )
    assert late.is_overdue and not future.is_overdue
    assert list(Conclusion.objects.overdue()) == [late]
    services.do_set_conclusion_status(late, "done", actor=cast.kis_manager)
    late.refresh_from_db()
    assert not late.is_overdue and late.done_on is not None


def test_a_pact_with_three_signatories_dissolves_when_one_withdraws(cast):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.kis_manager)
    joined = [
        services.do_join_pact(pact, org, actor=cast.kis_manager, joined_on=dt.date(2026, 1, 5))
        for org in (cast.kis_waw, cast.ops_waw, cast.library_waw)
    ]
    services.do_transition_pact(pact, "consultation", actor=cast.kis_manager)
    services.do_transition_pact(pact, "signed", actor=cast.kis_manager, on=dt.date(2026, 1, 10))
    with pytest.raises(ValidationError):  # not before the Pact was signed
        services.do_withdraw_from_pact(joined[2], actor=cast.kis_manager, on=dt.date(2026, 1, 9), reason="Za wcześnie")
    services.do_withdraw_from_pact(joined[2], actor=cast.kis_manager, on=dt.date(2026, 6, 1), reason="Reorganizacja")
    pact.refresh_from_db()
    assert pact.status == "dissolved"
    assert pact.dissolved_on == dt.date(2026, 6, 1)
    assert pact.dissolution_reason
    history = list(pact.signatories.order_by("id").values_list("organisation_id", "withdrawn_on"))
    assert history == [
        (cast.kis_waw.pk, None),
        (cast.ops_waw.pk, None),
        (cast.library_waw.pk, dt.date(2026, 6, 1)),
    ]
    with pytest.raises(ValidationError):
        services.do_join_pact(pact, cast.library_waw, actor=cast.kis_manager)
    assert AuditEntry.objects.filter(object_id=str(pact.pk), content_type__model="pact", part="dissolved").exists()


def test_a_pact_with_four_signatories_survives_one_withdrawal_and_signatories_may_rejoin(cast):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.admin)
    rows = [services.do_join_pact(pact, o, actor=cast.admin) for o in (cast.kis_waw, cast.ops_waw, cast.library_waw)]
    services.do_join_pact(pact, type_c_org(), actor=cast.admin)
    services.do_transition_pact(pact, "consultation", actor=cast.admin)
    services.do_transition_pact(pact, "signed", actor=cast.admin)
    services.do_withdraw_from_pact(rows[1], actor=cast.admin)
    pact.refresh_from_db()
    assert pact.status == "signed"
    services.do_join_pact(pact, cast.ops_waw, actor=cast.admin)
    assert pact.signatories.filter(organisation=cast.ops_waw).count() == 2


def test_pact_needs_three_signatories_to_be_signed(cast):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.admin)
    services.do_join_pact(pact, cast.kis_waw, actor=cast.admin)
    services.do_transition_pact(pact, "consultation", actor=cast.admin)
    with pytest.raises(ValidationError):
        services.do_transition_pact(pact, "signed", actor=cast.admin)


def test_synergy_team_records_the_forming_act_members_tasks_and_chosen_form(cast):
    team = services.do_create_team(
        lsr(cast),
        {
            "formed_by_kind": "order",
            "formed_by_body": "Prezydent m.st. Warszawy",
            "act_number": "12/2026",
            "act_date": dt.date(2026, 1, 15),
        },
        actor=cast.coordinator,
    )
    with pytest.raises(ValidationError):
        services.do_add_team_member(team, {}, actor=cast.coordinator)
    services.do_add_team_member(
        team, {"organisation": cast.ops_waw, "person_name": "Anna Nowak"}, actor=cast.coordinator
    )
    services.do_add_team_member(team, {"person_name": "Sołtys Jan Kowal"}, actor=cast.coordinator)
    services.do_create_team_task(team, {"kind": "draft_pact"}, actor=cast.coordinator)
    services.do_update_team(
        team, {"chosen_form": "revitalised_kis", "chosen_on": dt.date(2026, 3, 1)}, actor=cast.coordinator
    )
    team.refresh_from_db()
    assert team.members.count() == 2 and team.tasks.count() == 1
    assert team.get_chosen_form_display()
    with pytest.raises(PermissionDenied):
        services.do_update_team(team, {"name": "X"}, actor=cast.zenon)


def test_attitudes_one_per_organisation_per_day(cast):
    network = lsr(cast)
    data = {"organisation": cast.ops_waw, "assessed_on": dt.date(2026, 1, 1), "attitude": "neutral"}
    services.do_record_attitude(network, data, actor=cast.admin)
    with pytest.raises(ValidationError):
        services.do_record_attitude(network, data, actor=cast.admin)


def test_other_voivodeship_cannot_write(cast):
    p = signed_partnership(cast)
    with pytest.raises(PermissionDenied):
        services.do_transition_partnership(p, "active", actor=cast.zenon)
    with pytest.raises(PermissionDenied):
        services.do_upload_agreement(p, pdf(), actor=cast.partner)


def test_an_undeclared_partnership_move_is_refused(cast):
    p = partnership(cast, form="informal")
    with pytest.raises(ValidationError) as refused:
        services.do_transition_partnership(p, PartnershipStatus.ACTIVE, actor=cast.admin)
    assert refused.value.code == "invalid_transition"
    p.refresh_from_db()
    assert p.status == PartnershipStatus.DRAFT


def test_a_stale_partnership_is_refused_as_already_changed(cast):
    p = partnership(cast, form="informal")
    stale = Partnership.objects.get(pk=p.pk)
    services.do_transition_partnership(p, PartnershipStatus.CONSULTATION, actor=cast.admin)
    with pytest.raises(ValidationError) as refused:
        services.do_transition_partnership(stale, PartnershipStatus.CONSULTATION, actor=cast.admin)
    assert refused.value.code == "already_changed"
    p.refresh_from_db()
    assert p.status == PartnershipStatus.CONSULTATION


def test_a_stale_pact_is_refused_as_already_changed(cast):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.admin)
    stale = Pact.objects.get(pk=pact.pk)
    services.do_transition_pact(pact, PactStatus.CONSULTATION, actor=cast.admin)
    with pytest.raises(ValidationError) as refused:
        services.do_transition_pact(stale, PactStatus.CONSULTATION, actor=cast.admin)
    assert refused.value.code == "already_changed"


def test_a_signed_pact_is_not_dissolved_by_hand_while_three_remain(cast):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd Miejski"}, actor=cast.admin)
    for org in (cast.kis_waw, cast.ops_waw, cast.library_waw):
        services.do_join_pact(pact, org, actor=cast.admin)
    services.do_transition_pact(pact, PactStatus.CONSULTATION, actor=cast.admin)
    services.do_transition_pact(pact, PactStatus.SIGNED, actor=cast.admin)
    with pytest.raises(ValidationError) as refused:
        services.do_transition_pact(pact, PactStatus.DISSOLVED, actor=cast.admin)
    assert refused.value.messages == [
        gettext("A signed Pact is dissolved only when fewer than three active signatories remain.")
    ]
    pact.refresh_from_db()
    assert pact.status == PactStatus.SIGNED


def test_a_task_status_moves_through_its_machine_and_a_stale_task_is_refused(cast):
    p = partnership(cast, form="informal")
    task = services.do_create_task(p, {"title": "Warsztaty", "owner": cast.kis_waw, "year": 2026}, actor=cast.admin)
    stale = ActionTask.objects.get(pk=task.pk)
    assert services.do_update_task(task, {"status": TaskStatus.DONE}, actor=cast.admin).status == TaskStatus.DONE
    with pytest.raises(ValidationError) as refused:
        services.do_update_task(stale, {"status": TaskStatus.CANCELLED}, actor=cast.admin)
    assert refused.value.code == "already_changed"
    assert ActionTask.objects.get(pk=task.pk).status == TaskStatus.DONE
