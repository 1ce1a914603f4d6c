"""The national data set at a tiny scale: it is built, deterministic, covers the models and obeys
the product's rules (check_data), and check_data catches a row that breaks them."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from ksr.audit.models import AuditEntry
from ksr.cases.models import Case, Participant
from ksr.catalogue.models import Attendance, Edition
from ksr.dataset.checks import check_object, concrete_models
from ksr.dataset.generate import domain_models
from ksr.registry.models import Organisation

SCALE = "0.002"
TODAY = "2026-11-30"
# Tables the tiny scale may leave empty: rare events (a few per thousand cases nationally).
MAY_BE_EMPTY = {
    "procedures.ProcedureTask_product_recipients",
    "catalogue.Certificate",
    "plans.SanctionDecision",
    "accounts.User_groups",
    "accounts.User_user_permissions",
    "accounts.UserSession",  # sign-ins of real people, not generated
}


def generate(seed: int = 7, *extra: str) -> str:
    out = StringIO()
    call_command("generate_national", "--seed", str(seed), "--scale", SCALE, "--today", TODAY, *extra, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, object]:
    counts = {m._meta.label: m._base_manager.count() for m in domain_models()}
    # Loading TERYT (first run only) records its import in the audit trail; count the generated rows.
    counts["audit.AuditEntry"] = AuditEntry.objects.exclude(action="import").count()
    return {
        "counts": counts,
        "participants": list(Participant.objects.order_by("pk").values_list("pesel", "first_name", "last_name")[:25]),
        "organisations": list(Organisation.objects.order_by("pk").values_list("nip", "regon", "krs", "name")[:25]),
        "cases": list(Case.objects.values("status").annotate(n=Count("pk")).order_by("status")),
        "attendance": list(Attendance.objects.order_by("pk").values_list("activity_id", "case_id", "status")[:50]),
    }


def check(sample: int = 15) -> str:
    out = StringIO()
    call_command("check_data", "--sample", str(sample), "--today", TODAY, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_generate_is_deterministic_and_refuses_a_non_empty_database():
    report = generate()
    assert "phase participants" in report and "catalogue.Attendance" in report
    first = fingerprint()
    with pytest.raises(CommandError, match="--yes"):
        generate()
    generate(7, "--yes")
    assert fingerprint() == first
    generate(8, "--yes")
    assert fingerprint()["participants"] != first["participants"]


@pytest.mark.django_db
def test_every_model_gets_rows_and_the_data_obeys_the_rules():
    generate()
    empty = [m._meta.label for m in concrete_models() if not m._base_manager.exists()]
    assert sorted(set(empty) - MAY_BE_EMPTY) == [], empty
    # Every stage of a case and every state of a register entry.
    assert set(Case.objects.values_list("status", flat=True)) == {
        "referred",
        "qualified",
        "active",
        "exited",
        "refused",
    }
    from ksr.registers.models import RegisterEntry

    assert set(RegisterEntry.objects.values_list("status", flat=True)) == {"notified", "entered", "struck_off"}
    assert "All sampled rows obey" in check()


@pytest.mark.django_db
def test_check_data_names_a_broken_row():
    generate()
    case = Case.objects.filter(status="exited").order_by("pk").first()
    assert case is not None and case.admitted_on is not None
    Case.objects.filter(pk=case.pk).update(exited_on=case.admitted_on - dt.timedelta(days=1))
    out = StringIO()
    with pytest.raises(CommandError, match="break the product's rules"):
        call_command("check_data", "--sample", "5000", "--only", "cases.Case", "--today", TODAY, stdout=out)
    assert f"FAIL cases.Case #{case.pk}: exited before admission" in out.getvalue()
    # Attendance before the admission is caught too (checked directly: the table is large).
    row = Attendance.objects.select_related("case").order_by("pk").first()
    assert row is not None
    Case.objects.filter(pk=row.case_id).update(admitted_on=row.case.opened_on + dt.timedelta(days=3650))
    row.refresh_from_db()
    row.case.refresh_from_db()
    assert "attendance before the admission" in check_object(row, dt.date.fromisoformat(TODAY))
    # An edition whose first month lost its classes falls below 40 hours a month.
    edition = Edition.objects.filter(starts_on="2023-01-01").order_by("pk").first()
    assert edition is not None and check_object(edition, dt.date.fromisoformat(TODAY)) == []
    edition.activities.filter(date__month=1, date__day__gt=10).delete()
    assert any("h in 2023-01" in problem for problem in check_object(edition, dt.date.fromisoformat(TODAY)))


def test_models_listed_exist():
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    assert labels | {"accounts.User_groups", "accounts.User_user_permissions"} >= MAY_BE_EMPTY
