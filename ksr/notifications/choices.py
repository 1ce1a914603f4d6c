from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a notification is about; each user chooses its delivery per kind."""

    REFERRAL_RECEIVED = "referral_received", _("A referral received")
    REFERRAL_DECIDED = "referral_decided", _("A referral decided")
    CONSENT_EXPIRING = "consent_expiring", _("A consent expiring")
    FOLLOW_UP_DUE = "follow_up_due", _("A follow-up due")
    IPD_DUE = "ipd_due", _("An individual action plan due")
    CONTRACT_REVIEW_DUE = "contract_review_due", _("A contract review due")
    REPORT_DEADLINE = "report_deadline", _("A report deadline approaching")
    REPORT_DECIDED = "report_decided", _("A report returned or accepted")
    FORUM_OVERDUE = "forum_overdue", _("A forum meeting overdue")
    NEED_REQUEST_ANSWERED = "need_request_answered", _("A need request answered")
    CERTIFICATION_FAILING = "certification_failing", _("A certification item failing")


class Delivery(models.TextChoices):
    """How a user receives one kind of notification."""

    IN_APP = "in_app", _("In the application only")
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily e-mail digest")


# Without a preference of their own a user gets an e-mail at once.
DEFAULT_DELIVERY = Delivery.IMMEDIATE
