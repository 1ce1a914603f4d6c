"""Which models hold a person's data, and what of them the audit trail may keep (ADR 0012).

The ground does not know the domain apps, so the declaration lives on the models:

- the model of the data subject says ``audit_subject = True`` (``cases.Participant``);
- every model whose foreign keys lead to the subject (a case, a referral, a contract of a case,
  a version of that contract …) is **participant-owned**, found by walking the foreign keys —
  a model added later is covered without being listed anywhere;
- of a participant-owned model the trail keeps the *values* only of its non-personal fields:
  ``DEFAULT_PLAIN_FIELDS``, the foreign keys that lead to the subject (references by id), and
  what the model adds in ``audit_plain_fields``. Every other changed field is recorded by name
  with the value ``None`` ("changed, value not recorded").

The object's description in the trail is a neutral reference ("Uczestnik nr 123"), never
``str(obj)``, which for these models contains a name.
"""

from __future__ import annotations

import functools
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext

# Fields whose values say nothing about the person: the state of a record and its holder.
DEFAULT_PLAIN_FIELDS: frozenset[str] = frozenset({"id", "status", "organisation"})

ModelType = type[models.Model]


def _is_subject(model: ModelType) -> bool:
    return bool(getattr(model, "audit_subject", False))


@functools.cache
def path_to_subject(model: ModelType) -> tuple[str, ...] | None:
    """The shortest chain of forward foreign keys from ``model`` to the subject model
    (``()`` for the subject itself), or ``None`` when the model does not belong to a person."""
    if _is_subject(model):
        return ()
    seen = {model}
    frontier: list[tuple[ModelType, tuple[str, ...]]] = [(model, ())]
    while frontier:
        following: list[tuple[ModelType, tuple[str, ...]]] = []
        for current, path in frontier:
            for field in current._meta.concrete_fields:
                target = field.related_model if field.is_relation and (field.many_to_one or field.one_to_one) else None
                if not isinstance(target, type) or target in seen:
                    continue
                step = (*path, field.name)
                if _is_subject(target):
                    return step
                seen.add(target)
                following.append((target, step))
        frontier = following
    return None


def is_participant_owned(model: ModelType | None) -> bool:
    return model is not None and path_to_subject(model) is not None


def plain_fields(model: ModelType) -> frozenset[str]:
    """Fields of a participant-owned model whose values the trail may keep."""
    path = path_to_subject(model) or ()
    extra = tuple(getattr(model, "audit_plain_fields", ()))
    return DEFAULT_PLAIN_FIELDS | set(path[:1]) | set(extra)


def neutral_changes(model: ModelType, changes: dict[str, Any] | None) -> dict[str, Any]:
    """``changes`` with the values of every personal field replaced by ``None``."""
    plain = plain_fields(model)
    return {name: (value if name in plain else None) for name, value in (changes or {}).items()}


def neutral_repr(model: ModelType, object_id: Any) -> str:
    """ "Uczestnik nr 123": the kind of object and its number, nothing about the person."""
    kind = capfirst(str(model._meta.verbose_name))
    if object_id in (None, ""):
        return str(kind)
    return gettext("%(kind)s no. %(id)s") % {"kind": kind, "id": object_id}


def participant_owned_models() -> list[ModelType]:
    """Every installed participant-owned model (concrete, not proxies), the subject first."""
    found = [m for m in apps.get_models() if not m._meta.proxy and is_participant_owned(m)]
    return sorted(found, key=lambda m: (len(path_to_subject(m) or ()), m._meta.label))


def owned_objects(subject: models.Model) -> dict[ModelType, list[str]]:
    """The ids (as the trail stores them) of every participant-owned object of ``subject``."""
    result: dict[ModelType, list[str]] = {}
    for model in participant_owned_models():
        path = path_to_subject(model)
        if path is None:
            continue
        if not path:
            ids = [subject.pk] if isinstance(subject, model) else []
        else:
            ids = list(model._base_manager.filter(**{"__".join(path): subject.pk}).values_list("pk", flat=True))
        if ids:
            result[model] = [str(pk) for pk in ids]
    return result
