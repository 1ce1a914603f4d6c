"""A document as data: a title, its identifier and a list of blocks, rendered to PDF and ODT.

The domain apps build a :class:`Document` from their records (``ksr/<app>/documents.py``); the two
renderers (``pdf.py``, ``odt.py``) lay out the same blocks, so a PDF and an ODT of one document
carry the same text (ADR 0018).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.encoding import force_str
from django.utils.text import capfirst


def shown(value: Any) -> str:
    """A value as a document shows it: dates as dd.mm.rrrr, booleans as yes/no, nothing as a dash."""
    from django.utils.translation import gettext

    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return force_str(value)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class KeyValues:
    """Label–value rows (the record's fields)."""

    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths: Sequence[int] = ()


@dataclass(frozen=True)
class Signatures:
    """Signature lines side by side, each with the role of who signs below the line."""

    roles: Sequence[str]


Block = Heading | Paragraph | KeyValues | Table | Signatures


@dataclass(frozen=True)
class Letterhead:
    """The issuing organisation's header and closing formula (``DocumentSettings``)."""

    name: str
    address: str = ""
    logo: bytes | None = None
    closing: str = ""


@dataclass
class Document:
    title: str
    identifier: str
    letterhead: Letterhead
    blocks: list[Block] = field(default_factory=list)
    place_date: str = ""


def field_value(obj: Any, name: str) -> str:
    """The shown value of a model field: the choice's label, the related object's name, a date as dd.mm.rrrr."""
    field = obj._meta.get_field(name)
    if getattr(field, "choices", None):
        value = getattr(obj, f"get_{name}_display")() if getattr(obj, name) not in (None, "") else ""
    elif field.many_to_many:
        value = ", ".join(str(o) for o in getattr(obj, name).all())
    else:
        value = getattr(obj, name)
    return shown(value)


def field_label(model: Any, name: str) -> str:
    return capfirst(force_str(model._meta.get_field(name).verbose_name))


def field_rows(obj: Any, names: Sequence[str], *, skip_empty: bool = False) -> list[tuple[str, str]]:
    """``(label, shown value)`` of the named fields of ``obj``, labelled by their verbose names."""
    rows = []
    for name in names:
        value = field_value(obj, name)
        if skip_empty and value == "—":
            continue
        rows.append((field_label(type(obj), name), value))
    return rows
