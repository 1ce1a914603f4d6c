"""Special categories of personal data (RODO art. 9 ust. 1): declared once, on the model.

A model that holds health, disability, addiction or similar data names those fields in a class
attribute, and every surface derives from that declaration (ADR 0010)::

    class Participant(Tracked):
        special_category_fields = ("health_conditions", "disability_degree", "addiction_notes")

- serializers drop the fields for a reader who does not work with the person
  (``SpecialCategorySerializerMixin``; on read and on write);
- pages show them only through ``special_values`` (an empty list for other readers) and forms
  leave them out (``drop_special_fields``);
- exports and search never name them (a test walks every list, export and search);
- the participant's own copy (``ksr.privacy.exporters``) includes everything.

*Who* reads them is the privacy app's rule (``ksr.privacy.access.can_read_special_category``,
ADR 0004). The privacy app sits above this one, so it registers the rule here in its
``AppConfig.ready()``; until it has, nobody reads the fields (deny by default).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from rest_framework import serializers

from ksr.core.types import AnyUser

ReaderRule = Callable[[AnyUser, Any], bool]
"""``rule(user, participant)``: whether the user reads the participant's special-category data."""

_rule: list[ReaderRule] = []


def register_special_category_reader(rule: ReaderRule) -> None:
    """The privacy app's rule (registered once, in ``PrivacyConfig.ready``)."""
    _rule[:] = [rule]


def special_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """The special-category fields ``model`` declares (``()`` when it declares none)."""
    return tuple(getattr(model, "special_category_fields", ()))


def special_category_models() -> list[type[models.Model]]:
    """Every installed model that declares special-category fields."""
    from django.apps import apps

    return [model for model in apps.get_models() if special_fields(model)]


def owner_of(obj: Any) -> Any:
    """The participant an object of theirs belongs to (the object itself for a participant)."""
    path = getattr(obj, "special_category_owner", "")
    owner = obj
    for step in path.split("__") if path else ():
        owner = getattr(owner, step)
    return owner


def may_read_special(user: AnyUser, obj: Any) -> bool:
    """Whether ``user`` reads the special-category fields of ``obj`` (a participant or an object of theirs)."""
    if not _rule or obj is None:
        return False
    return bool(_rule[0](user, owner_of(obj)))


def hidden_fields(user: AnyUser, obj: Any) -> tuple[str, ...]:
    """The declared fields of ``obj`` that ``user`` must not see (``()`` when they may)."""
    declared = special_fields(obj)
    if not declared or may_read_special(user, obj):
        return ()
    return declared


def special_values(user: AnyUser, obj: Any) -> list[tuple[Any, Any]]:
    """``(label, shown value)`` of the declared fields when ``user`` may read them; else ``[]``."""
    if not special_fields(obj) or not may_read_special(user, obj):
        return []
    out = []
    for name in special_fields(obj):
        field: Any = obj._meta.get_field(name)
        value = getattr(obj, f"get_{name}_display")() if field.choices else getattr(obj, name)
        out.append((field.verbose_name, value))
    return out


def drop_special_fields(form: Any, user: AnyUser, obj: Any) -> Any:
    """Remove the declared fields from a model form when ``user`` may not read them (the values
    stay as they are on save: a form without the field does not change it)."""
    for name in hidden_fields(user, obj):
        form.fields.pop(name, None)
    return form


def without(data: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in set(names)}


SPECIAL_HELP = (
    "Special category of personal data (RODO art. 9): present only for the case managers and "
    "specialists of the holder KIS/CIS; absent for everyone else, and ignored in their writes."
)


class SpecialCategorySerializerMixin(serializers.Serializer):
    """Drops the model's declared special-category fields for a reader who does not work with
    the person: they are absent from the answer (not null) and ignored in a write.

    A write that creates an object has no owner yet: ``special_write_owner(validated)`` names the
    participant (or an object of theirs) it is written for.
    """

    def get_fields(self) -> Any:
        fields = super().get_fields()
        for name in special_fields(self.Meta.model):  # type: ignore[attr-defined]  # a ModelSerializer's Meta
            if name in fields:
                fields[name].required = False
                fields[name].help_text = SPECIAL_HELP
        return fields

    def _user(self) -> AnyUser:
        from django.contrib.auth.models import AnonymousUser

        request = self.context.get("request")
        return request.user if request is not None else AnonymousUser()

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)
        for name in hidden_fields(self._user(), instance):
            data.pop(name, None)
        return data

    def special_write_owner(self, validated: dict[str, Any]) -> Any:
        return self.instance

    def validate(self, attrs: Any) -> Any:
        attrs = super().validate(attrs)
        model = self.Meta.model  # type: ignore[attr-defined]  # a ModelSerializer's Meta
        declared = special_fields(model)
        if declared and not may_read_special(self._user(), self.special_write_owner(attrs)):
            attrs = without(dict(attrs), declared)
        return attrs
