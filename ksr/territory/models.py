from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.text import fold
from ksr.territory.choices import GminaKind, UnitLevel


class TerritorialUnitQuerySet(models.QuerySet["TerritorialUnit"]):
    def current(self) -> TerritorialUnitQuerySet:
        return self.filter(retired_on__isnull=True)

    def voivodeships(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.VOIVODESHIP)

    def powiats(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.POWIAT)

    def gminas(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.GMINA)

    def search(self, text: str) -> TerritorialUnitQuerySet:
        """Diacritics-insensitive search by name or TERYT code: "lodz" finds Łódź."""
        text = (text or "").strip()
        if not text:
            return self
        if text.isdigit():
            return self.filter(code__startswith=text)
        return self.filter(name_folded__contains=fold(text))


class TerritorialUnit(models.Model):
    """A unit of the GUS TERYT TERC register: voivodeship, powiat, gmina or a part of one.

    ``code`` is the TERYT identifier with the levels concatenated: 2 digits for a voivodeship
    (WOJ), 4 for a powiat (WOJ+POW), 7 for a gmina or its part (WOJ+POW+GMI+RODZ). The
    hierarchy is also stored as ``parent`` so trees are one join away.
    """

    code = models.CharField(_("TERYT code"), max_length=7, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=UnitLevel.choices, db_index=True)
    kind = models.CharField(_("kind (RODZ)"), max_length=1, choices=GminaKind.choices, blank=True)
    name = models.CharField(_("name"), max_length=100)
    name_folded = models.CharField(_("name for search"), max_length=100, db_index=True, editable=False)
    description = models.CharField(_("description (NAZWA_DOD)"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    valid_from = models.DateField(_("state as of (STAN_NA)"), null=True, blank=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)

    objects = TerritorialUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("territorial unit")
        verbose_name_plural = _("territorial units")
        ordering = ["code"]

    def __str__(self) -> str:
        if self.level == UnitLevel.VOIVODESHIP:
            return f"woj. {self.name}"
        if self.level == UnitLevel.POWIAT:
            return f"pow. {self.name}" if "miasto" not in self.description else self.name
        label = self.get_kind_display() if self.kind else ""
        return f"{self.name} ({label})" if label else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def voivodeship_code(self) -> str:
        return self.code[:2]

    @property
    def powiat_code(self) -> str | None:
        return self.code[:4] if len(self.code) >= 4 else None
