import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.models import AuditEntry
from ksr.networks import services
from ksr.networks.choices import (
    RECOMMENDATION_MACHINE,
    TASK_MACHINE,
    RecommendationStatus,
    TaskStatus,
)
from ksr.networks.models import Network, NetworkMembership, Recommendation, RegionalTask
from ksr.testing import PersonFactory, unit


def audited(obj, action):
    return AuditEntry.objects.filter(
        object_id=str(obj.pk), action=action, content_type__model=obj._meta.model_name
    ).exists()


def test_create_lsr_adds_main_node_and_joins_the_rsr(cast, lsr, rsr):
    assert audited(lsr, "create")
    assert NetworkMembership.objects.current().filter(network=lsr, organisation=cast.kis_waw).exists()
    row = NetworkMembership.objects.current().get(network=rsr, member_network=lsr)
    assert row.organisation == cast.kis_waw


def test_kis_manager_creates_own_lsr_but_not_another(cast):
    data = {
        "name": "LSR",
        "level": "local",
        "territory": unit("1465011"),
        "main_node": cast.kis_waw,
        "creation_variant": "civic",
        "civic_leaders": "Liderzy",
    }
    assert services.do_create_network(data, actor=cast.kis_manager).pk
    with pytest.raises(PermissionDenied):
        services.do_create_network(
            {**data, "main_node": cast.kis_krk, "territory": unit("1261011")}, actor=cast.kis_manager
        )
    for user in (cast.zenon, cast.nobody, cast.animator, cast.partner):
        with pytest.raises(PermissionDenied):
            services.do_create_network(data, actor=user)


def test_join_leave_rejoin_keeps_history(cast, lsr):
    m1 = services.do_add_member(lsr, cast.library_waw, joined_on=dt.date(2025, 3, 1), actor=cast.coordinator)
    with pytest.raises(ValidationError):
        services.do_add_member(lsr, cast.library_waw, actor=cast.coordinator)
    with pytest.raises(ValidationError):
        services.do_end_membership(m1, left_on=dt.date(2025, 1, 1), actor=cast.coordinator)
    services.do_end_membership(m1, left_on=dt.date(2025, 6, 1), actor=cast.coordinator)
    with pytest.raises(ValidationError):
        services.do_end_membership(m1, actor=cast.coordinator)
    m2 = services.do_add_member(lsr, cast.library_waw, joined_on=dt.date(2025, 9, 1), actor=cast.coordinator)
    rows = NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).order_by("joined_on")
    assert [(r.joined_on, r.left_on) for r in rows] == [
        (dt.date(2025, 3, 1), dt.date(2025, 6, 1)),
        (dt.date(2025, 9, 1), None),
    ]
    assert m2.pk != m1.pk
    assert audited(m1, "update") and audited(m2, "create")


def test_main_node_cannot_leave(cast, lsr):
    row = NetworkMembership.objects.get(network=lsr, organisation=cast.kis_waw, member_network=None)
    with pytest.raises(ValidationError):
        services.do_end_membership(row, actor=cast.admin)


def test_members_cannot_be_changed_by_other_voivodeship(cast, lsr):
    with pytest.raises(PermissionDenied):
        services.do_add_member(lsr, cast.library_waw, actor=cast.zenon)
    assert not NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).exists()


def test_update_network_moves_parent_membership(cast, lsr, rsr, rowr):
    from ksr.registry.choices import OrganisationKind as K
    from ksr.testing import OrganisationFactory

    other_rowr = OrganisationFactory(name="ROWR 2", kind=K.REGIONAL_CENTRE, parent=cast.rops_maz)
    services.do_update_network(rsr, {"is_active": False}, actor=cast.analyst)
    rsr2 = services.do_create_network(
        {"name": "RSR 2", "level": "regional", "territory": unit("14"), "main_node": other_rowr}, actor=cast.admin
    )
    services.do_update_network(lsr, {"parent": rsr2}, actor=cast.coordinator)
    assert NetworkMembership.objects.get(network=rsr, member_network=lsr).left_on is not None
    assert NetworkMembership.objects.current().filter(network=rsr2, member_network=lsr).exists()
    with pytest.raises(ValidationError):
        services.do_update_network(lsr, {"level": "regional"}, actor=cast.admin)


def test_auspices_recorded_and_audited(cast, lsr, rsr):
    act = services.do_record_auspices(lsr, {"kind": "declaration", "date": dt.date(2025, 1, 2)}, actor=cast.kis_manager)
    assert audited(act, "create")
    with pytest.raises(ValidationError):
        services.do_record_auspices(
            lsr, {"kind": "decision", "number": "", "date": dt.date(2025, 1, 2)}, actor=cast.admin
        )
    with pytest.raises(ValidationError):
        services.do_record_auspices(rsr, {"kind": "declaration", "date": dt.date(2025, 1, 2)}, actor=cast.admin)
    with pytest.raises(PermissionDenied):
        services.do_record_auspices(lsr, {"kind": "declaration", "date": dt.date(2025, 1, 2)}, actor=cast.analyst)


def test_team_assistance_and_tasks_by_regional_staff(cast, rsr, lsr, rowr):
    person = PersonFactory(organisation=rowr)
    member = services.do_add_team_member(
        rsr, {"person": person, "team_role": "Koordynator", "competences": "Metasieciowanie"}, actor=cast.analyst
    )
    assert audited(member, "create")
    with pytest.raises(ValidationError):
        services.do_add_team_member(
            rsr,
            {"person": PersonFactory(organisation=cast.library_waw), "team_role": "x", "competences": "y"},
            actor=cast.analyst,
        )
    entry = services.do_log_assistance(
        rsr, {"lsr": lsr, "provided_on": dt.date(2026, 1, 1), "subject": "Warsztat"}, actor=cast.animator
    )
    assert audited(entry, "create")
    with pytest.raises(PermissionDenied):
        services.do_log_assistance(
            rsr, {"lsr": lsr, "provided_on": dt.date(2026, 1, 1), "subject": "x"}, actor=cast.coordinator
        )
    task = services.do_create_regional_task(
        rsr, {"task_type": "coverage_analysis", "title": "Analiza", "owner": person}, actor=cast.analyst
    )
    assert task.status == TaskStatus.PLANNED
    with pytest.raises(ValidationError):
        services.do_create_regional_task(
            rsr, {"task_type": "strategy_review", "title": "X", "status": "done"}, actor=cast.admin
        )
    member_pk = member.pk
    services.do_remove_team_member(member, actor=cast.analyst)
    assert AuditEntry.objects.filter(
        object_id=str(member_pk), action="delete", content_type__model="teammember"
    ).exists()


@pytest.mark.parametrize(("old", "new"), list(itertools.permutations(TaskStatus.values, 2)))
def test_task_transitions_both_ways(cast, rsr, old, new):
    task = RegionalTask.objects.create(
        network=rsr, task_type="coverage_analysis", title="T", status=old, outcome="Raport"
    )
    allowed = new in TASK_MACHINE.targets(old)
    if allowed:
        assert services.do_update_regional_task(task, {"status": new}, actor=cast.admin).status == new
    else:
        with pytest.raises(ValidationError):
            services.do_update_regional_task(task, {"status": new}, actor=cast.admin)
        task.refresh_from_db()
        assert task.status == old


def test_task_done_needs_outcome(cast, rsr):
    task = services.do_create_regional_task(rsr, {"task_type": "coverage_analysis", "title": "T"}, actor=cast.admin)
    services.do_update_regional_task(task, {"status": "in_progress"}, actor=cast.admin)
    with pytest.raises(ValidationError):
        services.do_update_regional_task(task, {"status": "done"}, actor=cast.admin)


@pytest.mark.parametrize(("old", "new"), list(itertools.permutations(RecommendationStatus.values, 2)))
def test_recommendation_transitions_both_ways(cast, ksr, old, new):
    rec = Recommendation.objects.create(network=ksr, title="R", evidence="E", status=old)
    if new in RECOMMENDATION_MACHINE.targets(old):
        assert services.do_update_recommendation(rec, {"status": new}, actor=cast.national).status == new
    else:
        with pytest.raises(ValidationError):
            services.do_update_recommendation(rec, {"status": new}, actor=cast.national)


def test_recommendation_from_lsrs_only_by_national_centre(cast, ksr, lsr, rsr):
    rec = services.do_create_recommendation(
        ksr, {"title": "Stałe finansowanie KIS", "evidence": "Doświadczenia", "source_lsrs": [lsr]}, actor=cast.national
    )
    assert list(rec.source_lsrs.all()) == [lsr]
    entry = AuditEntry.objects.get(object_id=str(rec.pk), action="create", content_type__model="recommendation")
    assert entry.changes["source_lsrs"] == [None, [lsr.pk]]
    with pytest.raises(ValidationError):
        services.do_create_recommendation(
            ksr, {"title": "X", "evidence": "Y", "source_lsrs": [rsr]}, actor=cast.national
        )
    with pytest.raises(PermissionDenied):
        services.do_create_recommendation(ksr, {"title": "X", "evidence": "Y"}, actor=cast.analyst)
    with pytest.raises(ValidationError):
        services.do_create_recommendation(rsr, {"title": "X", "evidence": "Y"}, actor=cast.admin)


def test_unknown_fields_are_refused(cast, lsr):
    with pytest.raises(ValidationError):
        services.do_update_network(lsr, {"created_by": None}, actor=cast.admin)
    assert Network.objects.get(pk=lsr.pk).name == "LSR Warszawa"


def test_an_undeclared_task_move_is_refused(cast, rsr):
    task = RegionalTask.objects.create(network=rsr, task_type="coverage_analysis", title="T")
    with pytest.raises(ValidationError) as refused:
        services.do_update_regional_task(task, {"status": TaskStatus.DONE, "outcome": "X"}, actor=cast.admin)
    assert refused.value.code == "invalid_transition"
    assert RegionalTask.objects.get(pk=task.pk).status == TaskStatus.PLANNED


def test_a_stale_task_is_refused_as_already_changed(cast, rsr):
    task = RegionalTask.objects.create(network=rsr, task_type="coverage_analysis", title="T")
    stale = RegionalTask.objects.get(pk=task.pk)
    services.do_update_regional_task(task, {"status": TaskStatus.CANCELLED}, actor=cast.admin)
    with pytest.raises(ValidationError) as refused:
        services.do_update_regional_task(stale, {"status": TaskStatus.IN_PROGRESS}, actor=cast.admin)
    assert refused.value.code == "already_changed"
    assert RegionalTask.objects.get(pk=task.pk).status == TaskStatus.CANCELLED


def test_a_stale_recommendation_is_refused_as_already_changed(cast, ksr):
    rec = Recommendation.objects.create(network=ksr, title="R", evidence="E")
    stale = Recommendation.objects.get(pk=rec.pk)
    services.do_update_recommendation(rec, {"status": RecommendationStatus.REJECTED}, actor=cast.national)
    with pytest.raises(ValidationError) as refused:
        services.do_update_recommendation(stale, {"status": RecommendationStatus.UNDER_DISCUSSION}, actor=cast.national)
    assert refused.value.code == "already_changed"
