"""``generate_national``: the phases in order, each timed, and the wipe of earlier domain data."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction

from ksr.accounts.models import User
from ksr.cases.models import Participant
from ksr.dataset import extras, institutions
from ksr.dataset.base import Run
from ksr.dataset.people import people
from ksr.networks.models import Network
from ksr.registry.models import Organisation

# Reference rows kept by migrations or synchronisation; never wiped or generated.
REFERENCE = {
    "territory.TerritorialUnit",
    "registry.Sector",
    "cases.EligibilityCategory",
    "procedures.ProcedureCard",
    "procedures.CardStep",
    "pipeline.ProgrammeTarget",
}
# Secondary indexes and unique constraints dropped for the load are listed in the table
# dataset_pending_index until they are rebuilt (so an interrupted run loses none).
SAVE_PENDING = "INSERT INTO dataset_pending_index VALUES (%s, %s, %s) ON CONFLICT DO NOTHING"
KSR_APPS = (
    "accounts",
    "audit",
    "territory",
    "registry",
    "registers",
    "networks",
    "partnerships",
    "cooperation",
    "cases",
    "plans",
    "catalogue",
    "privacy",
    "pipeline",
    "procedures",
    "surveys",
    "animation",
)

PHASES: list[tuple[str, Callable[[Run], None]]] = [
    ("territory", institutions.territory),
    ("organisations", institutions.organisations),
    ("staff", institutions.staff),
    ("registers", institutions.registers),
    ("networks", institutions.networks),
    ("partnerships", institutions.partnerships),
    ("cooperation", institutions.cooperation),
    ("catalogue", institutions.catalogue),
    ("participants", people),
    ("pipeline", extras.pipeline),
    ("procedures", extras.procedures),
    ("surveys", extras.surveys),
    ("animation", extras.animation),
]


def domain_models() -> list[type[models.Model]]:
    """Every table of the product's apps that holds domain data (through tables included)."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in KSR_APPS or model._meta.label in REFERENCE:
            continue
        owner = model._meta.auto_created
        if isinstance(owner, type) and owner._meta.label in REFERENCE:
            continue
        if model._meta.auto_created is User:
            continue
        if model is User or model._meta.proxy or not model._meta.managed:
            continue
        out.append(model)
    return out


def has_domain_data() -> bool:
    return (
        Organisation.objects.exists()
        or Participant.objects.exists()
        or Network.objects.exists()
        or User.objects.filter(is_superuser=False).exists()
    )


def wipe() -> None:
    tables = [m._meta.db_table for m in domain_models()]
    quote = connection.ops.quote_name
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Pending deferred foreign-key checks (inside an outer transaction, as in a test)
                # would refuse the TRUNCATE: check them now. CASCADE empties the tables of apps that
                # refer to these (a CIS's status decisions, issued documents…) with them.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for table in tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 — table names from the models
        User.objects.filter(is_superuser=False).delete()


@contextmanager
def bulk_session() -> Iterator[None]:
    """On PostgreSQL: no per-row foreign-key triggers (the generator writes parents' ids itself)
    and no waiting for the WAL flush on commit. Needs a superuser; without it the run is slower."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        try:
            with transaction.atomic():
                cursor.execute("SET session_replication_role = replica")
        except DatabaseError:
            pass
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET session_replication_role")
            cursor.execute("RESET synchronous_commit")


@contextmanager
def indexes_dropped(tables: list[str], out: Callable[[str], None]) -> Iterator[None]:
    """On PostgreSQL: load the (empty) tables without their secondary indexes and unique
    constraints, then build them once at the end — much cheaper than maintaining them per row."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        # What an interrupted run dropped is kept here (committed with the drop) and rebuilt first.
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS dataset_pending_index (name text PRIMARY KEY, tbl text, definition text)"
        )
        cursor.execute("SELECT name, tbl, definition FROM dataset_pending_index ORDER BY name")
        pending = cursor.fetchall()
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'u' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        known = {name for name, _definition in indexes} | {name for _table, name, _definition in constraints}
        for name, table, definition in pending:
            if name in known:
                continue
            if table:
                constraints.append((table, name, definition))
            else:
                indexes.append((name, definition))
        with transaction.atomic():
            for table, name, definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT IF EXISTS "{name}"')
                cursor.execute(SAVE_PENDING, [name, table, definition])
            for name, definition in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
                cursor.execute(SAVE_PENDING, [name, "", definition])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            with transaction.atomic():
                for _name, definition in indexes:
                    cursor.execute(definition)
                for table, name, definition in constraints:
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                cursor.execute("DROP TABLE dataset_pending_index")
            cursor.execute("RESET maintenance_work_mem")
        out(f"rebuilt {len(indexes)} indexes and {len(constraints)} unique constraints")


class Clock:
    """Wall time, this process's CPU time and (on PostgreSQL, same host) the server backend's CPU time:
    on a shared machine the CPU seconds say what the work costs, the wall clock what it took."""

    def __init__(self) -> None:
        self.backend: Path | None = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                stat = Path(f"/proc/{cursor.fetchone()[0]}/stat")
            self.backend = stat if stat.exists() else None
        self.tick = os.sysconf("SC_CLK_TCK")

    def read(self) -> tuple[float, float, float]:
        server = 0.0
        if self.backend is not None:
            try:
                fields = self.backend.read_text().rsplit(")", 1)[1].split()
                server = (int(fields[11]) + int(fields[12])) / self.tick
            except (OSError, IndexError, ValueError):
                server = 0.0
        return time.perf_counter(), time.process_time(), server

    @staticmethod
    def since(start: tuple[float, float, float], end: tuple[float, float, float]) -> str:
        wall, cpu, server = (b - a for a, b in zip(start, end, strict=True))
        return f"{wall:8.1f} s wall {cpu:8.1f} s cpu {server:7.1f} s db-cpu"


def generate(*, seed: int, scale: float, today: dt.date, out: Callable[[str], None]) -> Run:
    run = Run(seed=seed, scale=scale, today=today)
    clock = Clock()
    total = clock.read()
    tables = [m._meta.db_table for m in domain_models()]
    with bulk_session():
        with indexes_dropped(tables, out):
            for name, phase in PHASES:
                started = clock.read()
                before = sum(t.count + len(t.rows) for t in run.writer.tables.values())
                with transaction.atomic():
                    phase(run)
                    run.writer.flush()
                rows = sum(t.count for t in run.writer.tables.values()) - before
                out(f"phase {name:<14} {clock.since(started, clock.read())} {rows:>12,} rows")
            started = clock.read()
        with transaction.atomic():
            run.writer.flush()
            run.writer.reset_sequences()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        out(f"phase {'indexes+finish':<14} {clock.since(started, clock.read())}")
    out(f"total {'':<14} {clock.since(total, clock.read())} {sum(run.writer.counts().values()):>12,} rows")
    return run
