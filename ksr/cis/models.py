"""What makes a CIS a CIS: its status decisions, the rates of the integration benefit, and the
motivation bonuses a CIS awards (UZS art. 5; Nowelizacja UZS 2022).

Rates and percentages are data with validity dates and their legal source; a rate whose rule
could not be checked against the act's text is marked ``verified = False`` and the pages say so.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ksr.cis.choices import DecisionKind
from ksr.core.models import Tracked


class StatusDecision(Tracked):
    """A voivode's decision granting or extending a CIS's status (UZS art. 5 ust. 1–2)."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="cis_decisions", verbose_name=_("CIS")
    )
    kind = models.CharField(_("kind of decision"), max_length=12, choices=DecisionKind.choices)
    number = models.CharField(_("decision number"), max_length=100)
    decided_on = models.DateField(_("decided on"))
    valid_from = models.DateField(_("status valid from"))
    valid_until = models.DateField(_("status valid until"))
    starosta_opinion_on = models.DateField(
        _("date of the starosta's opinion on the need for a CIS"), null=True, blank=True
    )
    starosta_opinion_positive = models.BooleanField(_("the starosta's opinion is positive"), null=True, blank=True)
    marshal_funds_first_months = models.BooleanField(_("the marshal funds the first three months"), default=False)
    marshal_funding = models.DecimalField(
        _("marshal's funding (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    note = models.TextField(_("note"), blank=True)

    audit_organisation_path = "organisation"

    class Meta:
        verbose_name = _("CIS status decision")
        verbose_name_plural = _("CIS status decisions")
        ordering = ["organisation_id", "-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class BenefitRate(Tracked):
    """The integration benefit's base and rules from ``valid_from`` until the next rate."""

    valid_from = models.DateField(_("valid from"), unique=True)
    unemployment_benefit = models.DecimalField(
        _("basic unemployment benefit (PLN a month)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100000))],
    )
    percent = models.DecimalField(
        _("integration benefit (percent of the unemployment benefit)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(120),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(300))],
    )
    trial_percent = models.DecimalField(
        _("in the trial period (percent of the unemployment benefit)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(120),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(300))],
    )
    trial_months = models.PositiveSmallIntegerField(
        _("length of the trial period (months)"), default=1, validators=[MaxValueValidator(12)]
    )
    absence_divisor = models.PositiveSmallIntegerField(
        _("deduction per day of unexcused absence: 1/N of the monthly benefit, N ="),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    bonus_max_percent = models.DecimalField(
        _("motivation bonus: at most this percent of the monthly benefit"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    weekly_hours_min = models.PositiveSmallIntegerField(_("programme hours a week: at least"), default=30)
    weekly_hours_max = models.PositiveSmallIntegerField(_("programme hours a week: at most"), default=40)
    max_months = models.PositiveSmallIntegerField(
        _("longest participation (months)"), default=24, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    source = models.TextField(_("legal source"))
    verified = models.BooleanField(
        _("checked against the act's text"),
        default=False,
        help_text=_("Leave unticked while a rule could not be checked against the act's current text."),
    )

    class Meta:
        verbose_name = _("integration benefit rate")
        verbose_name_plural = _("integration benefit rates")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return str(_("Rate from %(date)s") % {"date": date_format(self.valid_from, "SHORT_DATE_FORMAT")})


class MotivationBonus(Tracked):
    """A motivation bonus a CIS awards a participant for a month (UZS; its limit is a rate's setting)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="motivation_bonuses", verbose_name=_("case")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    amount = models.DecimalField(
        _("amount (PLN)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reason = models.CharField(_("reason"), max_length=300)

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("motivation bonus")
        verbose_name_plural = _("motivation bonuses")
        constraints = [models.UniqueConstraint(fields=["case", "month"], name="cis_bonus_once_a_month")]

    def __str__(self) -> str:
        return f"{self.month:%m.%Y} {self.amount}"
