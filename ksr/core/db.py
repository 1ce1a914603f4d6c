"""An optional read replica for aggregate reads.

With ``DATABASE_REPLICA_URL`` set, code that computes aggregates above the club (dashboards,
maps, national figures) wraps its reads in ``replica_reads()`` and the router sends them to the
replica; everything else — every write, and every read of a single record that might have just
been written — stays on the primary. Without a replica the context manager changes nothing.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

REPLICA = "replica"
_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("ksr_use_replica", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Reads inside ``replica_reads()`` go to the replica when one is configured."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if _use_replica.get() and replica_configured():
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of the primary: objects from both relate freely

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"
