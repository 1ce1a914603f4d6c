"""The Celery application: background work (large exports, reports, e-mails, scheduled jobs).

With ``REDIS_URL`` set, tasks go to Redis and a worker (``celery -A ksr worker``) runs them;
``celery -A ksr beat`` sends the scheduled ones. Without it (``make run``, the tests) every task
runs in the calling process at once (``task_always_eager``), so nothing needs a broker.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ksr.settings")

app = Celery("ksr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
