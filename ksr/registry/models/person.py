from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.registry.choices import StaffFunction
from ksr.registry.querysets import PersonQuerySet


class Person(Tracked):
    """A staff member or representative of an organisation, with their function."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="people", verbose_name=_("organisation")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=32, choices=StaffFunction.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    is_representative = models.BooleanField(
        _("represents the organisation"), default=False, help_text=_("E.g. in the cooperation forum.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fte = models.DecimalField(_("FTE"), max_digits=3, decimal_places=2, null=True, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.since and self.until and self.until < self.since:
            errors["until"] = [_("The end date cannot be earlier than the start date.")]
        if self.fte is not None and not (Decimal("0") < self.fte <= Decimal("1")):
            errors["fte"] = [_("FTE must be greater than 0 and at most 1 (e.g. 0.5 for half-time).")]
        if errors:
            raise ValidationError(errors)
