"""Participants of KIS/CIS and their reintegration: the person, eligibility, referrals, cases, follow-ups.

Sources: Model KSR, II.4, operational assumptions, „KIS ma własną tożsamość instytucjonalną”, „KIS oferuje
długoterminowe wsparcie”, „KIS zatrudnia case managerów”, I.5 (the general part of the consulting services
card is the participant's profile), Model KSR, II.4 „KIS ma własną tożsamość instytucjonalną”; Prawne aspekty, II.2
(organisational model of the CIS), IV.1 (organisational standard of the KIS) (CIS admission, UZS art. 12 ust. 4).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

from ksr.cases.choices import (
    CASE_MACHINE,
    REFERRAL_MACHINE,
    CaseStatus,
    DisabilityDegree,
    Education,
    EvidenceType,
    ExitReason,
    FollowUpOutcome,
    IncomeSource,
    MaritalStatus,
    PupProfile,
    ReferralSource,
    ReferralStatus,
    RefusalReason,
    Sex,
)
from ksr.cases.querysets import (
    CaseQuerySet,
    EligibilityQuerySet,
    FollowUpQuerySet,
    ParticipantQuerySet,
    ReferralQuerySet,
)
from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.core.validators import field_not_after_today
from ksr.registry.choices import OrganisationKind
from ksr.registry.validators import check_postal_code

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from ksr.accounts.models import User


# "monitoring half a year after leaving KIS" (Model KSR, II.4 „KIS oferuje długoterminowe wsparcie”, „KIS zatrudnia case
# managerów”)
FOLLOW_UP_MONTHS = 6
# The window in which the follow-up may be recorded (ADR 0016): from FOLLOW_UP_EARLY_DAYS before it is due
# to FOLLOW_UP_LATE_MONTHS after, and never after today. The sources say only "half a year after leaving".
FOLLOW_UP_EARLY_DAYS = 14
FOLLOW_UP_LATE_MONTHS = 3
KIS_GRADUATE_MONTHS = (
    6  # KIS graduate certificate after at least 6 months (Prawne aspekty, IV.1 (organisational standard of the KIS))
)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the last day of a shorter month when needed)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clean_pesel(value: str) -> str:
    """The PESEL without spaces, validated with python-stdnum; a Polish message when invalid."""
    compact = stdnum_pesel.compact(value or "")
    try:
        return str(stdnum_pesel.validate(compact))
    except InvalidLength as exc:
        raise ValidationError(_("A PESEL number has 11 digits."), code="pesel_length") from exc
    except InvalidFormat as exc:
        raise ValidationError(_("A PESEL number consists of digits only."), code="pesel_format") from exc
    except InvalidChecksum as exc:
        raise ValidationError(
            _("This PESEL number has a wrong check digit; check it for typing errors."), code="pesel_checksum"
        ) from exc
    except InvalidComponent as exc:
        raise ValidationError(_("This PESEL number contains an impossible birth date."), code="pesel_date") from exc
    except StdnumError as exc:  # pragma: no cover — any other stdnum error
        raise ValidationError(_("This is not a valid PESEL number."), code="pesel_invalid") from exc


def _user_link(verbose_name: StrOrPromise, related_name: str = "+") -> models.ForeignKey[User | None, User | None]:
    """An optional link to a user (who verified, managed, sent, decided…)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class EligibilityCategory(Tracked):
    """A target group of social employment (UZS art. 1 ust. 2) or of the KIS (profile III).

    A configurable list kept by administrators; the initial rows come from a data migration.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_reference = models.CharField(_("legal reference"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("eligibility category")
        verbose_name_plural = _("eligibility categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Participant(Tracked):
    """A person supported by a KIS or CIS. Their personal data belongs to ``organisation``.

    Only the holder organisation's staff read it; a partner institution reads the minimal
    fields only with two recorded consents (the privacy app); nobody above the club reads it.
    The profile fields are the general part of the consulting services card (Model KSR, II.4 „KIS zatrudnia case
    managerów”).
    """

    # The data subject: the audit trail keeps no personal value of this model or of any model
    # whose foreign keys lead here, only which fields changed (ksr.audit.personal, ADR 0012).
    audit_subject = True
    audit_plain_fields = ("anonymised_at",)

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("holder (KIS/CIS)"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True, db_index=True)
    no_pesel_reason = models.CharField(_("reason for no PESEL"), max_length=200, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    # Contact and address
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    residence_gmina = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gmina of residence or stay"),
    )

    # Household and care duties (Model KSR, II.4 „KIS ma własną tożsamość instytucjonalną”, „KIS zatrudnia case
    # managerów”)
    marital_status = models.CharField(_("marital status"), max_length=16, choices=MaritalStatus.choices, blank=True)
    household_size = models.PositiveSmallIntegerField(_("persons in the household"), null=True, blank=True)
    household_composition = models.TextField(_("household composition"), blank=True)
    dependent_children = models.PositiveSmallIntegerField(_("dependent children"), default=0)
    dependent_elderly = models.PositiveSmallIntegerField(_("dependent older persons"), default=0)
    dependent_disabled = models.PositiveSmallIntegerField(_("dependent persons with disabilities"), default=0)
    care_duties = models.TextField(_("care duties"), blank=True)

    # Education, work and income
    education = models.CharField(_("education"), max_length=24, choices=Education.choices, blank=True)
    qualifications = models.TextField(_("qualifications held"), blank=True)
    months_without_work = models.PositiveSmallIntegerField(_("time without work (months)"), null=True, blank=True)
    income_source = models.CharField(_("source of income"), max_length=24, choices=IncomeSource.choices, blank=True)
    material_situation = models.TextField(_("material situation"), blank=True)
    socio_economic_conditions = models.TextField(_("socio-economic circumstances"), blank=True)
    pup_profile = models.CharField(_("labour office profile"), max_length=3, choices=PupProfile.choices, blank=True)

    # Special categories of personal data (RODO art. 9 ust. 1), declared in ``special_category_fields``
    health_conditions = models.TextField(_("health circumstances"), blank=True)
    disability_degree = models.CharField(
        _("degree of disability"), max_length=16, choices=DisabilityDegree.choices, blank=True
    )
    addiction_notes = models.TextField(_("addiction and therapy"), blank=True)

    objects = ParticipantQuerySet.as_manager()

    # Special categories of personal data (RODO art. 9 ust. 1: health, disability, addiction):
    # every page, serializer, export and search derives from this one declaration
    # (``ksr.cases.special``; ADR 0010). A new field of that kind is added here, nowhere else.
    special_category_fields: tuple[str, ...] = ("health_conditions", "disability_degree", "addiction_notes")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.pesel:
            try:
                self.pesel = clean_pesel(self.pesel)
            except ValidationError as exc:
                errors["pesel"] = list(exc.messages)
            else:
                self.birth_date = stdnum_pesel.get_birth_date(self.pesel)
                self.sex = Sex.MALE if stdnum_pesel.get_gender(self.pesel) == "M" else Sex.FEMALE
                self.no_pesel_reason = ""
        elif not self.no_pesel_reason.strip() and self.anonymised_at is None:
            errors["no_pesel_reason"] = [_("Give the PESEL number or the reason why the person has none.")]
        field_not_after_today(self, "birth_date", errors)
        try:
            check_postal_code(self.postal_code)
        except ValidationError as exc:
            errors["postal_code"] = list(exc.messages)
        if self.residence_gmina is not None and self.residence_gmina.level != "gmina":
            errors["residence_gmina"] = [_("Choose a gmina.")]
        if errors:
            raise ValidationError(errors)


# The participant's special-category fields (kept for the callers that name them as a constant).
SPECIAL_CATEGORY_FIELDS: tuple[str, ...] = Participant.special_category_fields


class ParticipantEligibility(Tracked):
    """A target group a participant belongs to, with the evidence and who verified it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="eligibilities", verbose_name=_("participant")
    )
    category = models.ForeignKey(
        EligibilityCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("target group")
    )
    evidence_type = models.CharField(_("document"), max_length=32, choices=EvidenceType.choices)
    evidence_number = models.CharField(_("document number"), max_length=100, blank=True)
    evidence_date = models.DateField(_("document date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    verified_by = _user_link(_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    objects = EligibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("eligibility")
        verbose_name_plural = _("eligibilities")
        ordering = ["participant_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "category"], name="cases_eligibility_once_per_category")
        ]

    def __str__(self) -> str:
        return str(self.category)

    @property
    def audit_organisation(self) -> object:
        return self.participant.organisation


class Case(HasStateMachine, Tracked):
    """One participation of a participant in the holder's programme, from qualification to exit."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="cases", verbose_name=_("participant")
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("KIS/CIS")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.REFERRED, db_index=True
    )
    case_manager = _user_link(_("case manager"), related_name="managed_cases")
    # Model KSR, II.4 „KIS ma własną tożsamość instytucjonalną”: the KIS helper responsible for the participant; their
    # consent is one of two.
    responsible_helper = _user_link(_("responsible helper"), related_name="helped_cases")
    opened_on = models.DateField(_("opened on"))
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    graduated_at = models.DateField(_("graduated on"), null=True, blank=True)
    exit_reason = models.CharField(_("exit reason"), max_length=24, choices=ExitReason.choices, blank=True)
    exit_note = models.TextField(_("exit note"), blank=True)
    # UZS art. 12 ust. 4: the CIS admits in agreement with the head of the OPS of the residence.
    ops_agreement_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPS that agreed to the admission"),
    )
    ops_agreement_date = models.DateField(_("date of the OPS head's agreement"), null=True, blank=True)
    ops_agreement_reference = models.CharField(_("reference of the agreement"), max_length=100, blank=True)

    objects = CaseQuerySet.as_manager()
    state_machine = CASE_MACHINE

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "id"]

    def __str__(self) -> str:
        return str(self.participant)

    @property
    def is_cis(self) -> bool:
        return bool(self.organisation.kind == OrganisationKind.CIS)

    @property
    def has_ops_agreement(self) -> bool:
        return bool(self.ops_agreement_organisation_id and self.ops_agreement_date)

    def graduation_earliest(self) -> dt.date | None:
        """For a KIS, the first day of the graduate status (6 months after admission)."""
        if self.admitted_on is None:
            return None
        return add_months(self.admitted_on, KIS_GRADUATE_MONTHS) if not self.is_cis else self.admitted_on


class CaseCorrection(Tracked):
    """A recorded correction of a wrongly entered date of a case, with its reason.

    The case's status machine has no move from a state to itself, so a date typed wrongly at the
    admission is put right here: the old and the new date and the reason stay on record (and in the
    audit trail); the case itself keeps its status.
    """

    ADMITTED_ON = "admitted_on"
    FIELD_CHOICES = [(ADMITTED_ON, _("admission date"))]

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("case"))
    field = models.CharField(_("corrected date"), max_length=24, choices=FIELD_CHOICES)
    old_value = models.DateField(_("date before the correction"))
    new_value = models.DateField(_("corrected date"))
    reason = models.TextField(_("reason for the correction"))

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("correction of a case")
        verbose_name_plural = _("corrections of cases")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case}: {self.old_value} → {self.new_value}"


class Referral(HasStateMachine, Tracked):
    """A referral of a person to a KIS/CIS, from its sender to the qualification decision.

    The sender (organisation and user) sees only its status and, when refused, the reason;
    the minimal identifying data serve the receiving KIS/CIS only.
    """

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="referrals_received", verbose_name=_("KIS/CIS")
    )
    source = models.CharField(_("referred by"), max_length=24, choices=ReferralSource.choices)
    sender_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals_sent",
        verbose_name=_("sending institution"),
    )
    sent_by = _user_link(_("sent by"), related_name="referrals_sent")
    sender_reference = models.CharField(
        _("sender's reference"),
        max_length=100,
        blank=True,
        help_text=_("The sender's own file number, shown to the sender instead of the person's data."),
    )
    sent_on = models.DateField(_("sent on"))
    # Minimal data to identify the person
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    justification = models.TextField(_("justification"), blank=True)

    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    qualification_team = models.TextField(
        _("qualification team"),
        blank=True,
        help_text=_("Members of the joint OPS–KIS team: one per line, with their function and institution."),
    )
    review_started_on = models.DateField(_("review started on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = _user_link(_("decided by"))
    refusal_reason = models.CharField(_("reason for refusal"), max_length=24, choices=RefusalReason.choices, blank=True)
    refusal_note = models.TextField(_("explanation of the refusal"), blank=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("participant"),
    )
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="referral", verbose_name=_("case")
    )
    from_case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name=_("transferred from the case"),
    )

    objects = ReferralQuerySet.as_manager()
    state_machine = REFERRAL_MACHINE

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.pesel:
            try:
                self.pesel = clean_pesel(self.pesel)
            except ValidationError as exc:
                errors["pesel"] = list(exc.messages)
            else:
                self.birth_date = stdnum_pesel.get_birth_date(self.pesel)
        field_not_after_today(self, "birth_date", errors)
        field_not_after_today(self, "sent_on", errors)
        if self.source != ReferralSource.SELF and not self.sender_organisation_id:
            errors["sender_organisation"] = [_("Name the institution that refers the person.")]
        if self.status == ReferralStatus.REFUSED and not self.refusal_reason:
            errors["refusal_reason"] = [_("A refusal needs a reason.")]
        if errors:
            raise ValidationError(errors)


class FollowUp(Tracked):
    """The monitoring half a year after a participant left (scheduled on exit)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="follow_up", verbose_name=_("case"))
    due_on = models.DateField(_("due on"), db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=FollowUpOutcome.choices, blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return str(self.case)

    @property
    def audit_organisation(self) -> object:
        return self.case.organisation

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    def recording_window(self) -> tuple[dt.date, dt.date]:
        """The first and last day on which the follow-up may be done (ADR 0016); today caps the last."""
        return (
            self.due_on - dt.timedelta(days=FOLLOW_UP_EARLY_DAYS),
            add_months(self.due_on, FOLLOW_UP_LATE_MONTHS),
        )

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.done_on and not self.outcome:
            errors["outcome"] = [_("Record the situation found at the follow-up.")]
        field_not_after_today(self, "done_on", errors)
        if self.done_on and self.due_on and "done_on" not in errors:
            first, last = self.recording_window()
            if not first <= self.done_on <= last:
                errors["done_on"] = [
                    _(
                        "The follow-up is due on %(due)s, six months after the exit; it can be recorded "
                        "from %(first)s to %(last)s."
                    )
                    % {
                        "due": date_format(self.due_on, "SHORT_DATE_FORMAT"),
                        "first": date_format(first, "SHORT_DATE_FORMAT"),
                        "last": date_format(last, "SHORT_DATE_FORMAT"),
                    }
                ]
        if errors:
            raise ValidationError(errors)
