"""Background jobs shared by every app (run by Celery; in-process when no broker is configured).

Scheduled work is written as management commands (thin, over services) and run here on the
schedule in ``settings.CELERY_BEAT_SCHEDULE``; e-mails are queued after the transaction commits.
"""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.http import HttpRequest, QueryDict
from django.utils.module_loading import import_string

# Management commands the scheduler may run: a name outside this list is refused, so a message
# on the queue cannot run arbitrary code.
SCHEDULED_COMMANDS = frozenset({"anonymise_participants", "notify_due", "send_notification_digest"})


@shared_task(name="ksr.run_command")
def run_command(name: str, *args: str) -> str:
    """Run one of the scheduled management commands."""
    if name not in SCHEDULED_COMMANDS:
        raise ValueError(f"not a scheduled command: {name}")
    call_command(name, *args)
    return name


@shared_task(name="ksr.send_mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_mail(subject: str, body: str, recipients: list[str], from_email: str | None = None) -> int:
    """Send one e-mail (queued by ``transaction.on_commit``, so a rolled-back write sends nothing)."""
    return mail.send_mail(subject, body, from_email, recipients)


@shared_task(name="ksr.selfcheck")
def selfcheck(token: str) -> dict[str, Any]:
    """Proves the worker reaches the database: answers the token and the database vendor."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"token": token, "database": connection.vendor, "ok": one == 1}


@shared_task(name="ksr.export_list")
def export_list(
    job_id: str, view: str, user_id: int, query: str, kwargs: dict[str, Any], fmt: str, filename: str
) -> str:
    """Export a filtered list (a ``FilteredListView``) as the user who asked for it sees it."""
    from ksr.core.exports import run_export_job

    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(query)
    request.user = get_user_model().objects.get(pk=user_id)
    list_view = import_string(view)()
    list_view.setup(request, **kwargs)
    objects = list_view.get_queryset().iterator(chunk_size=2000)
    run_export_job(job_id, objects, list_view.export_columns, fmt, filename)
    return job_id
