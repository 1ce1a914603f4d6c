from django.db import models
from django.utils.translation import gettext_lazy as _


class TieType(models.TextChoices):
    """Kinds of ties between two organisations in the network graph (Model KSR, II.3: links)."""

    NETWORK = "network", _("Network co-membership")
    PARTNERSHIP = "partnership", _("Partnership co-membership")
    FORUM = "forum", _("Forum co-attendance")
    REFERRAL = "referral", _("Referrals")


class GminaStatus(models.TextChoices):
    """What a gmina has, for the white-spot map (a gmina may have several)."""

    KIS = "kis", _("KIS entered in the register")
    CIS = "cis", _("CIS entered in the register")
    LSR = "lsr", _("Local reintegration network (LSR)")
    WHITE_SPOT = "white_spot", _("White spot: no KIS, no CIS and no LSR")
