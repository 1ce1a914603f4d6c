from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.text import fold
from ksr.registry.choices import (
    DEFAULT_GOAL,
    GOAL_TO_TYPE,
    KIND_TO_RESPONDENT_CATEGORY,
    OperatingLevel,
    OrganisationKind,
    ReintegrationGoal,
    SectorCode,
    StakeholderType,
)
from ksr.registry.querysets import OrganisationQuerySet
from ksr.registry.validators import check_postal_code, clean_krs, clean_nip, clean_regon


class Sector(models.Model):
    """A sector of activity (multi-valued on an organisation). Rows are fixed by a migration."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=SectorCode.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position"]

    def __str__(self) -> str:
        return str(SectorCode(self.code).label)


class Organisation(Tracked):
    """An organisation or institution of the network (KIS, CIS, OPS, PUP, school, library, …)."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    # Lower-case ASCII of name and short name, maintained on save: "lodz" finds "Łódź".
    name_folded = models.CharField(_("name for search"), max_length=410, editable=False, db_index=True, default="")
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices, db_index=True)
    reintegration_goal = models.CharField(
        _("reintegration among statutory goals"),
        max_length=8,
        choices=ReintegrationGoal.choices,
        blank=True,
        help_text=_("Leave empty to use the default for the kind. It decides the stakeholder type A/B/C."),
    )
    # Derived from reintegration_goal (or the kind's default) on every save; never typed in.
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=1, choices=StakeholderType.choices, editable=False, db_index=True
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations", verbose_name=_("sectors"))
    operating_level = models.CharField(
        _("operating level"), max_length=16, choices=OperatingLevel.choices, default=OperatingLevel.LOCAL
    )
    seat = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="seated_organisations",
        verbose_name=_("seat (gmina)"),
    )
    area = models.ManyToManyField(
        "territory.TerritorialUnit",
        blank=True,
        related_name="operating_organisations",
        verbose_name=_("area of operation"),
        help_text=_("Gminas and powiats where the organisation works."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent organisation"),
        help_text=_("E.g. the OPS within which a KIS operates."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    krs = models.CharField(_("KRS number"), max_length=10, blank=True)
    offers_internships = models.BooleanField(_("offers internships"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="organisation_unique_nip"),
            models.UniqueConstraint(fields=["regon"], condition=~models.Q(regon=""), name="organisation_unique_regon"),
        ]
        # The list's order (name, id) is read from an index, not sorted. An exact NIP or REGON is
        # found through the unique constraints; the search by their first digits (``startswith``)
        # needs one pattern index each on PostgreSQL — not the two more a ``db_index`` would add.
        indexes = [
            models.Index(fields=["name", "id"], name="organisation_name_id_idx"),
            models.Index(fields=["nip"], name="organisation_nip_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["regon"], name="organisation_regon_prefix_idx", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def effective_goal(self) -> str:
        return self.reintegration_goal or DEFAULT_GOAL.get(self.kind, ReintegrationGoal.NONE)

    @property
    def respondent_category(self) -> str:
        return KIND_TO_RESPONDENT_CATEGORY.get(self.kind, "9")

    def derive_stakeholder_type(self) -> str:
        return GOAL_TO_TYPE[self.effective_goal]

    def fold_name(self) -> str:
        return fold(" ".join(part for part in (self.name, self.short_name) if part))

    IDENTIFIERS = (("nip", clean_nip), ("regon", clean_regon), ("krs", clean_krs))

    def clean_fields(self, exclude: Any = None) -> None:
        """Normalise NIP, REGON and KRS first ("526-025-02-74" → "5260250274"), with Polish messages."""
        exclude = set(exclude or ())
        errors: dict[str, Any] = {}
        for field_name, cleaner in self.IDENTIFIERS:
            if field_name in exclude:
                continue
            try:
                setattr(self, field_name, cleaner(getattr(self, field_name)))
            except ValidationError as exc:
                errors[field_name] = exc.messages
                exclude.add(field_name)
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        others = Organisation.objects.exclude(pk=self.pk) if self.pk else Organisation.objects.all()
        for field_name, cleaner in self.IDENTIFIERS[:2]:
            try:
                number = cleaner(getattr(self, field_name))
            except ValidationError:
                continue  # reported by clean_fields
            if number and others.filter(**{field_name: number}).exists():
                errors[field_name] = [
                    _("Another organisation in the registry already has this NIP.")
                    if field_name == "nip"
                    else _("Another organisation in the registry already has this REGON.")
                ]
        if self.parent_id is not None and self.pk is not None and self.parent_id == self.pk:
            errors["parent"] = [_("An organisation cannot be its own parent.")]
        try:
            check_postal_code(self.postal_code)
        except ValidationError as exc:
            errors["postal_code"] = exc.messages
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.stakeholder_type = self.derive_stakeholder_type()
        self.name_folded = self.fold_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = sorted({*update_fields, "stakeholder_type", "name_folded"})
        super().save(*args, **kwargs)
