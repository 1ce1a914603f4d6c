import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ksr.audit.models import AuditEntry
from ksr.procedures import services
from ksr.procedures.choices import TASK_MACHINE, RunStatus, TaskStatus
from ksr.procedures.models import ProcedureRun, ProcedureTask
from ksr.procedures.tests.helpers import card, lsr, start
from ksr.testing import unit


def test_starting_a_card_creates_its_steps_as_owned_dated_tasks(cast):
    run = start(cast, 1, due_on=dt.date.today() + dt.timedelta(days=40))
    tasks = list(run.tasks.order_by("number"))
    assert [t.number for t in tasks] == [1, 2, 3, 4]
    assert all(t.status == TaskStatus.OPEN and t.owner_organisation == cast.kis_waw for t in tasks)
    assert tasks[0].due_on == run.started_on + dt.timedelta(days=14)
    assert tasks[3].due_on == run.due_on  # capped
    assert tasks[2].product_kind == "letter_of_intent"
    assert run.status == RunStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(object_id=str(run.pk), action="create").exists()


@pytest.mark.parametrize("who", ["animator", "kis_manager", "coordinator", "admin"])
def test_editors_may_start_runs(cast, who):
    assert start(cast, 2, actor=getattr(cast, who)).pk


@pytest.mark.parametrize("who", ["analyst", "partner", "zenon", "nobody", "national", "ops_worker"])
def test_others_may_not_start_runs(cast, who):
    with pytest.raises(PermissionDenied):
        start(cast, 2, actor=getattr(cast, who))
    assert not ProcedureRun.objects.exists()


def test_kis_without_network_may_not_start_in_the_gmina(cast):
    with pytest.raises(PermissionDenied):
        services.do_start_run(card(1), unit("1465011"), actor=cast.kis_manager)


def test_network_must_cover_the_gmina(cast):
    with pytest.raises(ValidationError):
        services.do_start_run(card(1), unit("1432023"), network=lsr(cast), actor=cast.animator)
    assert not ProcedureRun.objects.exists()


def test_completing_a_letter_of_intent_records_to_whom_and_links(cast):
    run = start(cast, 1)
    task = run.tasks.get(number=3)
    with pytest.raises(ValidationError) as err:
        services.do_complete_task(task, summary="Wysłano", actor=cast.animator)
    assert set(err.value.message_dict) == {"product_date", "product_recipients"}
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    services.do_complete_task(
        task,
        summary="List intencyjny wysłany",
        product_date=dt.date.today(),
        recipients=[cast.library_waw, cast.ops_waw],
        linked_network=run.network,
        actor=cast.animator,
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.completed_by == cast.animator
    assert set(task.product_recipients.all()) == {cast.library_waw, cast.ops_waw}
    assert task.linked_network == run.network


def test_coordinator_product_needs_the_person(cast):
    task = start(cast, 2).tasks.get(number=3)
    with pytest.raises(ValidationError):
        services.do_complete_task(task, summary="Wyznaczono", actor=cast.animator)
    services.do_complete_task(task, summary="Wyznaczono", person="Filip Nowak, KIS", actor=cast.animator)
    assert ProcedureTask.objects.get(pk=task.pk).product_person == "Filip Nowak, KIS"


def test_run_is_completed_when_every_task_is_done_or_cancelled(cast):
    run = start(cast, 4)
    t1, t2, t3 = run.tasks.order_by("number")
    services.do_complete_task(t1, summary="Propozycja trybu monitoringu", actor=cast.animator)
    services.do_complete_task(t2, summary="Terminy", dates="2027-03-31, 2027-06-30", actor=cast.animator)
    assert ProcedureRun.objects.get(pk=run.pk).status == RunStatus.IN_PROGRESS
    services.do_cancel_task(t3, reason="Posiedzenie przeniesione", actor=cast.animator)
    assert ProcedureRun.objects.get(pk=run.pk).status == RunStatus.COMPLETED


ALL = [(a, b) for a in TaskStatus.values for b in TaskStatus.values if a != b]


@pytest.mark.parametrize(("source", "target"), ALL)
def test_task_transitions_both_ways(cast, source, target):
    task = start(cast, 4).tasks.get(number=1)
    ProcedureTask.objects.filter(pk=task.pk).update(status=source)
    task.refresh_from_db()
    allowed = target in TASK_MACHINE.targets(source)
    assert task.can_move_to(target) is allowed
    if target == TaskStatus.OPEN:
        return  # no service reopens a task
    call = (
        (lambda: services.do_complete_task(task, summary="x", actor=cast.animator))
        if target == TaskStatus.DONE
        else (lambda: services.do_cancel_task(task, reason="x", actor=cast.animator))
    )
    if allowed:
        call()
        assert ProcedureTask.objects.get(pk=task.pk).status == target
    else:
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.code == "invalid_transition"
        assert ProcedureTask.objects.get(pk=task.pk).status == source


def test_a_stale_task_is_refused_already_changed(cast):
    task = start(cast, 4).tasks.get(number=1)
    stale = ProcedureTask.objects.get(pk=task.pk)
    services.do_cancel_task(task, reason="Zbędne", actor=cast.animator)
    with pytest.raises(ValidationError) as exc:
        services.do_complete_task(stale, summary="Zrobione", actor=cast.animator)
    assert exc.value.code == "already_changed"
    assert ProcedureTask.objects.get(pk=task.pk).status == TaskStatus.CANCELLED


def test_cancel_needs_a_reason(cast):
    task = start(cast, 4).tasks.first()
    with pytest.raises(ValidationError):
        services.do_cancel_task(task, reason=" ", actor=cast.animator)


def test_task_owner_may_complete_but_others_may_not(cast):
    task = start(cast, 4).tasks.first()
    services.do_assign_task(task, owner_user=cast.ops_worker, owner_organisation=None, due_on=None, actor=cast.animator)
    with pytest.raises(PermissionDenied):
        services.do_complete_task(task, summary="x", actor=cast.zenon)
    with pytest.raises(PermissionDenied):
        services.do_complete_task(task, summary="x", actor=cast.analyst)
    services.do_complete_task(task, summary="Propozycja", actor=cast.ops_worker)
    assert ProcedureTask.objects.get(pk=task.pk).status == TaskStatus.DONE


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("animator", True),
        ("analyst", True),
        ("national", True),
        ("admin", True),
        ("kis_manager", True),
        ("zenon", False),
        ("nobody", False),
    ],
)
def test_run_visibility(cast, who, sees):
    start(cast, 1)
    assert ProcedureRun.objects.visible_to(getattr(cast, who)).exists() is sees


def test_osar_staff_see_every_region(cast):
    from ksr.testing import OrganisationFactory, member

    start(cast, 1)
    osar = OrganisationFactory(name="OSAR", kind="animation_centre", seat=unit("1261011"))
    user = member("osar", osar, "regional_animator")
    assert ProcedureRun.objects.visible_to(user).count() == 1
    assert not ProcedureRun.objects.editable_by(user).exists()
