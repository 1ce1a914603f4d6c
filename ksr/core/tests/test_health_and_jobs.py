"""The health endpoints and the background jobs (run in-process in the tests: no REDIS_URL)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from ksr.core import health, tasks


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client: Client, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_each_check(client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "migrations": "ok", "redis": "not configured"}


@pytest.mark.django_db
def test_readyz_is_unavailable_when_a_check_fails(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise ConnectionError("database down")

    monkeypatch.setattr(health, "_database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "error: ConnectionError"


@pytest.mark.django_db
def test_readyz_reports_unreachable_redis(client: Client, settings) -> None:
    settings.KSR_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error: ")


@pytest.mark.django_db
def test_selfcheck_job_reaches_the_database() -> None:
    result = tasks.selfcheck.delay("abc").get()
    assert result["token"] == "abc"
    assert result["ok"] is True


def test_scheduler_runs_only_listed_commands() -> None:
    with pytest.raises(ValueError, match="not a scheduled command"):
        tasks.run_command.delay("flush")


@pytest.mark.django_db
def test_scheduled_retention_purge_runs_as_a_job(capsys: pytest.CaptureFixture[str]) -> None:
    assert tasks.run_command.delay("anonymise_participants", "--dry-run").get() == "anonymise_participants"
    assert "Dry run" in capsys.readouterr().out


def test_mail_job_sends_one_message() -> None:
    assert tasks.send_mail.delay("Temat", "Treść", ["a@example.org"]).get() == 1
    assert [m.subject for m in mail.outbox] == ["Temat"]


def test_replica_router_sends_only_wrapped_reads_to_a_configured_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    from ksr.core import db
    from ksr.core.db import ReplicaRouter, replica_reads
    from ksr.registry.models import Organisation

    router = ReplicaRouter()
    assert router.db_for_read(Organisation) is None
    with replica_reads():
        assert router.db_for_read(Organisation) is None  # no replica configured: the primary
        monkeypatch.setattr(db, "replica_configured", lambda: True)
        assert router.db_for_read(Organisation) == "replica"
        assert router.db_for_write(Organisation) == "default"
    assert router.db_for_read(Organisation) is None
    assert router.allow_migrate("replica", "registry") is False
