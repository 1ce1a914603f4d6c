from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.text import fold
from ksr.territory.choices import GminaKind, UnitLevel

LEVEL_ORDER = [
    UnitLevel.VOIVODESHIP,
    UnitLevel.POWIAT,
    UnitLevel.GMINA,
    UnitLevel.GMINA_PART,
    UnitLevel.DISTRICT,
]
CODE_LENGTHS = {2, 4, 7}
# "Ząbki (1434021)": the value a unit field shows and accepts (see ksr.territory.forms).
_TRAILING_CODE = re.compile(r"\((\d{2}|\d{4}|\d{7})\)\s*$")


def code_in(text: str) -> str | None:
    """The TERYT code ``text`` names: all digits ("1465011") or a trailing "(1465011)"; else None."""
    text = (text or "").strip()
    if text.isdigit() and len(text) in CODE_LENGTHS:
        return text
    match = _TRAILING_CODE.search(text)
    return match.group(1) if match else None


def _level_rank() -> models.Case:
    return models.Case(
        *(models.When(level=level, then=models.Value(i)) for i, level in enumerate(LEVEL_ORDER)),
        default=models.Value(len(LEVEL_ORDER)),
        output_field=models.IntegerField(),
    )


class TerritorialUnitQuerySet(models.QuerySet["TerritorialUnit"]):
    def current(self) -> TerritorialUnitQuerySet:
        return self.filter(retired_on__isnull=True)

    def voivodeships(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.VOIVODESHIP)

    def powiats(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.POWIAT)

    def gminas(self) -> TerritorialUnitQuerySet:
        return self.filter(level=UnitLevel.GMINA)

    def of_levels(self, levels: Iterable[str] | None) -> TerritorialUnitQuerySet:
        chosen = [str(level) for level in levels or () if level]
        return self.filter(level__in=chosen) if chosen else self

    def with_parents(self) -> TerritorialUnitQuerySet:
        """Fetch the parent chain (powiat, voivodeship) in the same query, for labels."""
        return self.select_related("parent__parent")

    def by_level(self) -> TerritorialUnitQuerySet:
        """Voivodeships first, then powiats, gminas, their parts and districts; by code within."""
        return self.annotate(level_rank=_level_rank()).order_by("level_rank", "code")

    def search(self, text: str, levels: Iterable[str] | None = None) -> TerritorialUnitQuerySet:
        """Diacritics-insensitive search by name or TERYT code: "lodz" finds Łódź, "1465" Warsaw.

        Digits match a code prefix; "Ząbki (1434021)" matches that code; any other text is
        folded and matched anywhere in the name. Exact matches come first, then by level
        (voivodeship, powiat, gmina, …) and name. ``levels`` limits the result to those levels.
        """
        qs = self.of_levels(levels)
        text = (text or "").strip()
        if not text:
            return qs
        code = code_in(text)
        if code is not None and not text.isdigit():
            return qs.filter(code=code)
        if text.isdigit():
            qs = qs.filter(code__startswith=text)
            exact = models.Q(code=text)
        else:
            folded = fold(text)
            qs = qs.filter(name_folded__contains=folded)
            exact = models.Q(name_folded=folded)
        return qs.annotate(
            exact_match=models.Case(
                models.When(exact, then=models.Value(0)), default=models.Value(1), output_field=models.IntegerField()
            ),
            level_rank=_level_rank(),
        ).order_by("exact_match", "level_rank", "name_folded", "code")

    def resolve(self, text: str) -> TerritorialUnit:
        """The one unit of this queryset that ``text`` names, or a translated ValidationError.

        ``text`` is a TERYT code ("1434021"), a unit field value ("Ząbki (1434021)") or an exact
        name, diacritics and case ignored ("zabki"). A name shared by several units is ambiguous.
        """
        text = (text or "").strip()
        code = code_in(text)
        if code is not None:
            found = self.filter(code=code).first()
            if found is None:
                raise ValidationError(
                    _("There is no territorial unit with TERYT code %(code)s to choose here."),
                    code="not_found",
                    params={"code": code},
                )
            return found
        matches = list(self.filter(name_folded=fold(text))[:10])
        if not matches:
            raise ValidationError(
                _("No territorial unit is called “%(name)s”. Type its name or TERYT code and pick a suggestion."),
                code="not_found",
                params={"name": text},
            )
        if len(matches) > 1:
            options = ", ".join(unit.input_value for unit in matches)
            raise ValidationError(
                _("“%(name)s” is ambiguous (%(options)s). Type the TERYT code or pick a suggestion."),
                code="ambiguous",
                params={"name": text, "options": options},
            )
        return matches[0]


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
    def input_value(self) -> str:
        """What a unit field shows and accepts back: "Ząbki (1434021)"."""
        return f"{self.name} ({self.code})"

    def ancestors(self) -> list[TerritorialUnit]:
        """The parent chain from the voivodeship down to the direct parent."""
        chain: list[TerritorialUnit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def label_with_powiat(self) -> str:
        """A gmina told apart from its namesakes by its powiat: "Osiek (gmina wiejska), pow. brodnicki".

        Other levels keep their plain label. Fetch with ``select_related("parent")``.
        """
        if self.level == UnitLevel.GMINA and self.parent is not None:
            return f"{self}, {self.parent}"
        return str(self)

    @property
    def context_label(self) -> str:
        """Kind and parents for a suggestion: "gmina miejska, pow. wołomiński, woj. mazowieckie".

        Fetch with ``with_parents()`` to avoid a query per unit.
        """
        parts = [self.description] if self.description else []
        parts += [
            f"woj. {unit.name.lower()}" if unit.level == UnitLevel.VOIVODESHIP else str(unit)
            for unit in reversed(self.ancestors())
        ]
        return ", ".join(parts)

    @property
    def voivodeship_code(self) -> str:
        return self.code[:2]

    @property
    def powiat_code(self) -> str | None:
        return self.code[:4] if len(self.code) >= 4 else None
