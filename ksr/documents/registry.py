"""The kinds of document the apps generate, registered in their ``AppConfig.ready()``.

The ground does not import the domain apps (docs/architecture.md, "Layers and neighbours"): a
domain app tells this registry which of its records print as which document, how to find the
records a user may see (``visible``, so another organisation's record answers 404) and how to
build the document from one record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise

from ksr.core.types import AnyUser
from ksr.documents.blocks import Block


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document.

    ``code`` is the kind's part of the identifier (``<organisation>/<year>/<code>/<sequence>``);
    ``visible(user)`` the queryset of records the user may print; ``organisation(record)`` the
    organisation issuing it; ``build(record, user)`` the title and the blocks; ``part`` the part
    recorded in the audit trail's read row; ``subject(record)`` the record whose read is recorded
    (the participant's case, for example), the record itself when not given; ``applies(record)``
    whether a record prints as this kind (a contract's kind), every record of the model when not given.
    """

    code: str
    label: str | Promise
    model: type[models.Model]
    visible: Callable[[AnyUser], models.QuerySet[Any]]
    organisation: Callable[[Any], Any]
    build: Callable[[Any, AnyUser], tuple[str, list[Block]]]
    part: str = "document"
    subject: Callable[[Any], models.Model] | None = None
    applies: Callable[[Any], bool] | None = None


_KINDS: dict[str, DocumentKind] = {}


def register_document(kind: DocumentKind) -> None:
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"Document kind {kind.code} is registered twice.")
    _KINDS[kind.code] = kind


def document_kind(code: str) -> DocumentKind | None:
    return _KINDS.get(code)


def kinds_for(record: models.Model) -> list[DocumentKind]:
    """The kinds of document ``record`` prints as."""
    return [k for k in _KINDS.values() if isinstance(record, k.model) and (k.applies is None or k.applies(record))]
