"""Choices of the participants app, and the declared lifecycles (state machines) of referrals and cases."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class CaseStatus(models.TextChoices):
    REFERRED = "referred", pgettext_lazy("case status", "Referred")
    QUALIFIED = "qualified", pgettext_lazy("case status", "Qualified")
    ACTIVE = "active", pgettext_lazy("case status", "Active")
    EXITED = "exited", pgettext_lazy("case status", "Exited")
    REFUSED = "refused", pgettext_lazy("case status", "Refused")


# A case is opened qualified (when a referral is accepted or the KIS/CIS registers a person who
# came on their own); it becomes active on admission and ends with an exit.
CASE_MACHINE = StateMachine(
    CaseStatus,
    {
        CaseStatus.REFERRED: {CaseStatus.QUALIFIED, CaseStatus.REFUSED},
        CaseStatus.QUALIFIED: {CaseStatus.ACTIVE, CaseStatus.EXITED},
        CaseStatus.ACTIVE: {CaseStatus.EXITED},
        CaseStatus.EXITED: set(),
        CaseStatus.REFUSED: set(),
    },
)
# Cases that still run (not exited, not refused).
CLOSED_CASE_STATUSES = (CaseStatus.EXITED, CaseStatus.REFUSED)


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class ReferralSource(models.TextChoices):
    """Who refers to the KIS/CIS (the card's "who refers to KIS?", Model KSR, II.4 „KIS zatrudnia case managerów”,
    „KIS ma własną tożsamość instytucjonalną”)."""

    OPS = "ops", _("Social assistance centre (OPS)")
    PUP = "pup", _("County labour office (PUP)")
    OTHER_INSTITUTION = "other_institution", _("Another institution")
    SELF = "self", _("The person themselves")


class ReferralStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("referral status", "Sent")
    UNDER_REVIEW = "under_review", _("Under review by the qualification team")
    ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
    REFUSED = "refused", pgettext_lazy("referral status", "Refused")


# The joint qualification team takes a referral up, then accepts or refuses it (once).
REFERRAL_MACHINE = StateMachine(
    ReferralStatus,
    {
        ReferralStatus.SENT: {ReferralStatus.UNDER_REVIEW},
        ReferralStatus.UNDER_REVIEW: {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED},
        ReferralStatus.ACCEPTED: set(),
        ReferralStatus.REFUSED: set(),
    },
)
OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.UNDER_REVIEW)


class RefusalReason(models.TextChoices):
    """Why the KIS/CIS refuses a referral (its right to reject, Model KSR, II.4 „KIS ma własną tożsamość
    instytucjonalną”)."""

    NOT_ELIGIBLE = "not_eligible", _("The person is not in the target group")
    NOT_ADEQUATE = "not_adequate", _("The KIS/CIS offer is not adequate to the person's needs")
    NEEDS_OTHER_SUPPORT = "needs_other_support", _("The person needs another form of support first (e.g. therapy)")
    NO_PLACES = "no_places", _("No places available")
    PERSON_DECLINED = "person_declined", _("The person declined to take part")
    OTHER = "other", _("Other reason")


class ExitReason(models.TextChoices):
    COMPLETED = "completed", _("Completed the programme")
    EMPLOYED = "employed", _("Took up employment")
    TRANSFER_CIS = "transfer_cis", _("Transferred to a CIS")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("Referred to supported employment")
    RESIGNED = "resigned", _("Resigned")
    SUPPORT_WITHDRAWN = "support_withdrawn", _("Support withdrawn for breach of the contract")
    MOVED_AWAY = "moved_away", _("Moved away")
    HEALTH = "health", _("Health reasons")
    OTHER = "other", _("Other reason")


class FollowUpOutcome(models.TextChoices):
    """Situation found at the monitoring half a year after leaving (Model KSR, II.4 „KIS oferuje długoterminowe
    wsparcie”, „KIS zatrudnia case managerów”)."""

    EMPLOYED = "employed", _("In employment")
    SOCIAL_ECONOMY = "social_economy", _("Working in a social economy entity")
    IN_EDUCATION = "in_education", _("In education or training")
    OTHER_SUPPORT = "other_support", _("Using other support (OPS, PUP, CIS)")
    NO_CHANGE = "no_change", _("Situation unchanged")
    WORSE = "worse", _("Situation worse")
    NOT_REACHED = "not_reached", _("Could not be reached")


class PupProfile(models.TextChoices):
    """The labour office's assistance profile; profile III is the KIS target group (Model KSR, II.4, operational
    assumptions)."""

    NONE = "", _("Not registered at a labour office")
    PROFILE_I = "I", _("Profile I")
    PROFILE_II = "II", _("Profile II")
    PROFILE_III = "III", _("Profile III")


class Education(models.TextChoices):
    NONE = "none", _("None or incomplete primary")
    PRIMARY = "primary", _("Primary or lower secondary")
    VOCATIONAL = "vocational", _("Basic vocational")
    SECONDARY_GENERAL = "secondary_general", _("General secondary")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Vocational secondary or post-secondary")
    HIGHER = "higher", _("Higher")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    PARTNERSHIP = "partnership", _("Informal partnership")
    DIVORCED = "divorced", _("Divorced")
    SEPARATED = "separated", _("Separated")
    WIDOWED = "widowed", _("Widowed")


class IncomeSource(models.TextChoices):
    WORK = "work", _("Paid work")
    CASUAL_WORK = "casual_work", _("Casual or unregistered work")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance benefits")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    PENSION = "pension", _("Retirement or disability pension")
    FAMILY = "family", _("Supported by the family")
    NONE = "none", _("No income")
    OTHER = "other", _("Other")


class DisabilityDegree(models.TextChoices):
    NONE = "", _("No certified disability")
    LIGHT = "light", _("Light degree")
    MODERATE = "moderate", _("Moderate degree")
    SIGNIFICANT = "significant", _("Significant degree")


class EvidenceType(models.TextChoices):
    """Documents confirming that a person belongs to a target group."""

    OPS_CERTIFICATE = "ops_certificate", _("Certificate of the social assistance centre")
    PUP_CERTIFICATE = "pup_certificate", _("Certificate of the labour office")
    HOMELESSNESS_PROGRAMME = "homelessness_programme", _("Individual programme of leaving homelessness")
    THERAPY_CERTIFICATE = "therapy_certificate", _("Certificate of completed therapy")
    MEDICAL_CERTIFICATE = "medical_certificate", _("Medical certificate")
    DISABILITY_DECISION = "disability_decision", _("Disability certificate (orzeczenie)")
    RELEASE_CERTIFICATE = "release_certificate", _("Certificate of release from prison")
    INTEGRATION_PROGRAMME = "integration_programme", _("Individual integration programme")
    DECLARATION = "declaration", _("Declaration of the person")
    OTHER = "other", _("Other document")
