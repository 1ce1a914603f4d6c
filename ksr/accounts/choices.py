from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles a user holds in an organisation (through a Membership)."""

    SYSTEM_ADMIN = "system_admin", _("System administrator")
    ENTITY_MANAGER = "entity_manager", _("KIS/CIS manager")
    CASE_MANAGER = "case_manager", _("Case manager")
    SPECIALIST = "specialist", _("Specialist")
    PARTNER_REPRESENTATIVE = "partner_representative", _("Partner institution representative")
    OPS_SOCIAL_WORKER = "ops_social_worker", _("OPS social worker")
    LSR_COORDINATOR = "lsr_coordinator", _("LSR coordinator")
    REGIONAL_ANIMATOR = "regional_animator", _("Regional animator")
    REGIONAL_ANALYST = "regional_analyst", _("ROPS/ROWR analyst")
    REGISTER_OFFICER = "register_officer", _("Voivode register officer")
    NATIONAL_ANALYST = "national_analyst", _("National centre analyst")


class Reach(models.TextChoices):
    """How far a role's reading reaches over the territory."""

    ORGANISATION = "organisation", _("Own organisation and its powiat")
    LOCAL = "local", _("Powiat")
    REGIONAL = "regional", _("Voivodeship")
    NATIONAL = "national", _("Whole country")


ROLE_REACH: dict[str, str] = {
    Role.SYSTEM_ADMIN: Reach.NATIONAL,
    Role.ENTITY_MANAGER: Reach.ORGANISATION,
    Role.CASE_MANAGER: Reach.ORGANISATION,
    Role.SPECIALIST: Reach.ORGANISATION,
    Role.PARTNER_REPRESENTATIVE: Reach.ORGANISATION,
    Role.OPS_SOCIAL_WORKER: Reach.ORGANISATION,
    Role.LSR_COORDINATOR: Reach.LOCAL,
    Role.REGIONAL_ANIMATOR: Reach.REGIONAL,
    Role.REGIONAL_ANALYST: Reach.REGIONAL,
    Role.REGISTER_OFFICER: Reach.REGIONAL,
    Role.NATIONAL_ANALYST: Reach.NATIONAL,
}

# Roles that read participants' personal data: a second factor (TOTP) is required for them. The
# system administrator (the whole country, the admin site) and the partner representative
# (participants under a consent) read participants too.
PARTICIPANT_DATA_ROLES: frozenset[str] = frozenset(
    {
        Role.SYSTEM_ADMIN,
        Role.ENTITY_MANAGER,
        Role.CASE_MANAGER,
        Role.SPECIALIST,
        Role.OPS_SOCIAL_WORKER,
        Role.PARTNER_REPRESENTATIVE,
    }
)
