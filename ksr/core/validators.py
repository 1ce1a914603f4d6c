"""Validators applied centrally (see ``CoreConfig.ready``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.core.text import has_hidden_characters


@deconstructible
class NoHiddenCharacters:
    """Refuse right-to-left overrides, zero-width and other invisible characters (in names)."""

    message = _("Remove the invisible characters (direction overrides, zero-width spaces) from this text.")
    code = "hidden_characters"

    def __call__(self, value: Any) -> None:
        if isinstance(value, str) and has_hidden_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoHiddenCharacters)

    def __hash__(self) -> int:
        return hash(type(self))


no_hidden_characters = NoHiddenCharacters()


def is_name_field(field: Any) -> bool:
    """A single-line text field that names someone or something (``name``, ``last_name``, ``title``…)."""
    from django.db import models

    if not isinstance(field, models.CharField) or field.choices:
        return False
    return field.name.endswith("name") or field.name in {"title", "surname", "username"}


def guard_names(models_: Any) -> int:
    """Give every name field of ``models_`` the ``no_hidden_characters`` validator.

    As a *default* validator of the field instance, which migrations do not record, so that model
    validation (ModelForms, ``full_clean``) and DRF's ModelSerializer (which copies a model field's
    validators) all refuse such names without a migration in every app. Returns how many fields.
    """
    count = 0
    for model in models_:
        for field in model._meta.concrete_fields:
            if is_name_field(field) and no_hidden_characters not in field.default_validators:
                field.default_validators = [*field.default_validators, no_hidden_characters]
                field.__dict__.pop("validators", None)
                count += 1
    return count


def not_after_today(value: dt.date | None, label: Any, field: str | None = None) -> None:
    """Refuse a fact dated after today (``timezone.localdate()``): what has not happened is not recorded.

    ``label`` names the date (a model field's ``verbose_name``); with ``field`` the error is that
    field's, so a form shows it at the field and the API answers ``{field: [message]}``.
    """
    if value is None or value <= timezone.localdate():
        return
    message = gettext("%(label)s cannot be later than today.") % {"label": capfirst(str(label))}
    raise ValidationError({field: [message]} if field else message, code="future_date")


def field_not_after_today(obj: Any, name: str, errors: dict[str, list[Any]]) -> None:
    """In a model's ``clean()``: add to ``errors`` the refusal of ``obj.<name>`` dated after today."""
    try:
        not_after_today(getattr(obj, name), obj._meta.get_field(name).verbose_name)
    except ValidationError as exc:
        errors.setdefault(name, []).extend(exc.messages)
