"""Bulk writing of generated rows: PostgreSQL COPY, or batched INSERTs elsewhere (SQLite).

The generator gives every row its primary key, so children reference parents without a round
trip and the same seed gives the same ids. Rows are buffered per table and flushed in chunks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models

CHUNK = 50_000


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


class Table:
    """The buffer of one table: rows as tuples in the order of the model's concrete fields."""

    def __init__(self, writer: Writer, model: type[models.Model]) -> None:
        self.writer = writer
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.names = [f.attname for f in self.fields]
        self.columns = [f.column for f in self.fields]
        self.index = {name: i for i, name in enumerate(self.names)}
        self.json_positions = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.template: list[Any] = []
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                self.template.append(writer.stamp)
            elif field.has_default():
                self.template.append(field.get_default())
            elif field.null:
                self.template.append(None)
            else:
                self.template.append("" if field.empty_strings_allowed else None)
        # Callable defaults (today, now, a random token) would make the data set depend on the
        # clock or on chance: the generator must give these values itself.
        self.required = frozenset(
            f.attname
            for f in self.fields
            if f.has_default()
            and callable(f.default)
            and f.default not in (dict, list)
            and not f.primary_key
            and f.default.__name__ != "default_scope"
        )
        self.pk_position = self.index[model._meta.pk.attname]
        self.next_id = writer.max_id(model) + 1 if isinstance(model._meta.pk, models.AutoField) else 0
        self.rows: list[Sequence[Any]] = []
        self.lines: list[str] = []  # rows already in COPY text format (PostgreSQL only)
        self.count = 0

    def add(self, **values: Any) -> int:
        """Buffer one row; returns its primary key (assigned here unless given)."""
        if self.required and not self.required <= values.keys():
            missing = ", ".join(sorted(self.required - values.keys()))
            raise ValueError(f"{self.model._meta.label}: give {missing}")
        row = self.template.copy()
        index = self.index
        for name, value in values.items():
            row[index[name]] = value
        if row[self.pk_position] is None:
            row[self.pk_position] = self.next_id
            self.next_id += 1
        self.rows.append(row)
        if len(self.rows) >= CHUNK:
            self.flush()
        return int(row[self.pk_position]) if isinstance(row[self.pk_position], int) else row[self.pk_position]

    def layout(self, names: Sequence[str]) -> Callable[[Sequence[Any]], list[Any]]:
        """A fast row builder for huge tables: values of ``names`` in that order (pk included)."""
        positions = [self.index[name] for name in names]
        template = self.template

        def build(values: Sequence[Any]) -> list[Any]:
            row = template.copy()
            for position, value in zip(positions, values, strict=True):
                row[position] = value
            return row

        return build

    def take_ids(self, n: int) -> int:
        """Reserve ``n`` consecutive ids; returns the first."""
        first = self.next_id
        self.next_id += n
        return first

    def extend(self, rows: Iterable[Sequence[Any]]) -> None:
        """Buffer ready rows (full tuples in field order, pk included)."""
        for row in rows:
            self.rows.append(row)
            if len(self.rows) >= CHUNK:
                self.flush()

    def extend_text(self, lines: list[str]) -> None:
        """Buffer rows already formatted as COPY text lines (tab-separated, newline-terminated)."""
        self.lines.extend(lines)
        if len(self.lines) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            lines, self.lines = self.lines, []
            self.writer.write_text(self, lines)
            self.count += len(lines)
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        if self.json_positions:
            for row in rows:
                for position in self.json_positions:
                    if not isinstance(row[position], str):
                        row[position] = _json(row[position])  # type: ignore[index]  # rows are lists here
        self.writer.write(self, rows)
        self.count += len(rows)


class Writer:
    """All tables being written in one run; ``stamp`` fills created_at/updated_at by default."""

    def __init__(self, stamp: dt.datetime) -> None:
        self.stamp = stamp
        self.vendor = connection.vendor
        self.tables: dict[type[models.Model], Table] = {}

    def table(self, model: type[models.Model]) -> Table:
        table = self.tables.get(model)
        if table is None:
            table = self.tables[model] = Table(self, model)
        return table

    def max_id(self, model: type[models.Model]) -> int:
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            sql = f"SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)}"  # noqa: S608 — model names
            cursor.execute(sql)
            value = cursor.fetchone()[0]
        return int(value or 0)

    def write(self, table: Table, rows: list[Sequence[Any]]) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        name = quote(table.model._meta.db_table)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                return
            preps = [self._prep(field) for field in table.fields]
            placeholders = ", ".join(["%s"] * len(table.columns))
            prepared = [[prep(value) for prep, value in zip(preps, row, strict=True)] for row in rows]
            sql = f"INSERT INTO {name} ({columns}) VALUES ({placeholders})"  # noqa: S608 — names from the model
            cursor.executemany(sql, prepared)

    def write_text(self, table: Table, lines: list[str]) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(table.model._meta.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            copy.write("".join(lines))

    @staticmethod
    def _prep(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
        if isinstance(field, models.JSONField):
            return lambda value: value  # already a JSON string
        return lambda value: field.get_db_prep_save(value, connection)

    def flush(self) -> None:
        for table in self.tables.values():
            table.flush()

    def reset_sequences(self) -> None:
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.tables))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    def counts(self) -> dict[str, int]:
        return {table.model._meta.label: table.count for table in self.tables.values()}
