from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    KIS = "kis", _("Social integration club (KIS)")
    CIS = "cis", _("Social integration centre (CIS)")
    SOCIAL_COOPERATIVE = "social_cooperative", _("Social cooperative")
    OPS = "ops", _("Social assistance centre (OPS/MOPS/GOPS/MOPR)")
    PCPR = "pcpr", _("County family support centre (PCPR)")
    PUP = "pup", _("County labour office (PUP)")
    WUP = "wup", _("Regional labour office (WUP)")
    ROPS = "rops", _("Regional social policy centre (ROPS)")
    VOIVODE_OFFICE = "voivode_office", _("Voivode office")
    MARSHAL_OFFICE = "marshal_office", _("Marshal office")
    MINISTRY_DEPARTMENT = "ministry_department", _("Ministry department")
    GMINA_OFFICE = "gmina_office", _("Gmina office")
    POWIAT_OFFICE = "powiat_office", _("Powiat office")
    ASSOCIATION = "association", _("NGO: association")
    FOUNDATION = "foundation", _("NGO: foundation")
    CULTURE_INSTITUTION = "culture_institution", _("Public culture institution")
    LIBRARY = "library", _("Library")
    SCHOOL = "school", _("School or educational institution")
    HEALTH_FACILITY = "health_facility", _("Health care or health promotion facility")
    SPORT_CENTRE = "sport_centre", _("Sport and recreation centre")
    EMPLOYER = "employer", _("Employer or business")
    CHURCH_ENTITY = "church_entity", _("Church legal person")
    NATIONAL_CENTRE = "national_centre", _("National cooperation centre (KOWR)")
    REGIONAL_CENTRE = "regional_centre", _("Regional cooperation centre (ROWR)")
    ANIMATION_CENTRE = "animation_centre", _("National centre for sectoral animation (OSAR)")
    OTHER = "other", _("Other")


class ReintegrationGoal(models.TextChoices):
    """Place of reintegration among the organisation's statutory goals (Model KSR, II.3, local level)."""

    MAIN = "main", _("Reintegration is the main statutory goal")
    ONE_OF = "one_of", _("Reintegration is one of the statutory goals")
    NONE = "none", _("Reintegration is not a statutory goal")


class StakeholderType(models.TextChoices):
    A = "A", _("Type A")
    B = "B", _("Type B")
    C = "C", _("Type C")


GOAL_TO_TYPE: dict[str, str] = {
    ReintegrationGoal.MAIN: StakeholderType.A,
    ReintegrationGoal.ONE_OF: StakeholderType.B,
    ReintegrationGoal.NONE: StakeholderType.C,
}

K = OrganisationKind
# The kind's default statutory-goal status; an organisation may state its own (e.g. an NGO
# whose statute makes reintegration its main goal is type A).
DEFAULT_GOAL: dict[str, str] = {
    **dict.fromkeys((K.KIS, K.CIS, K.SOCIAL_COOPERATIVE), ReintegrationGoal.MAIN),
    **dict.fromkeys(
        (
            K.OPS,
            K.PCPR,
            K.PUP,
            K.WUP,
            K.ROPS,
            K.VOIVODE_OFFICE,
            K.MARSHAL_OFFICE,
            K.MINISTRY_DEPARTMENT,
            K.GMINA_OFFICE,
            K.POWIAT_OFFICE,
            K.NATIONAL_CENTRE,
            K.REGIONAL_CENTRE,
            K.ANIMATION_CENTRE,
        ),
        ReintegrationGoal.ONE_OF,
    ),
    **dict.fromkeys(
        (
            K.ASSOCIATION,
            K.FOUNDATION,
            K.CULTURE_INSTITUTION,
            K.LIBRARY,
            K.SCHOOL,
            K.HEALTH_FACILITY,
            K.SPORT_CENTRE,
            K.EMPLOYER,
            K.CHURCH_ENTITY,
            K.OTHER,
        ),
        ReintegrationGoal.NONE,
    ),
}


class SectorCode(models.TextChoices):
    EDUCATION = "education", _("General education")
    CULTURE = "culture", _("Culture and national heritage")
    HEALTH = "health", _("Health prevention")
    SPORT = "sport", _("Sport and recreation")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    LABOUR_MARKET = "labour_market", _("Labour market")
    BUSINESS = "business", _("Business")
    ECOLOGY = "ecology", _("Ecology")
    OTHER = "other", _("Other")


# The four sectors of the new service profile (Model KSR, introduction, II.1).
NEW_PROFILE_SECTORS = (SectorCode.EDUCATION, SectorCode.CULTURE, SectorCode.HEALTH, SectorCode.SPORT)


class OperatingLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Supra-local (regional)")
    NATIONAL = "national", _("National")


class RespondentCategory(models.TextChoices):
    """The 12 institution categories of the questionnaire (Sektorowe usługi, zeszyt 2, part IV, questionnaire)."""

    ADMINISTRATION = "1", _("Administration")
    SOCIAL_ASSISTANCE = "2", _("Social assistance institution")
    EDUCATION = "3", _("Education and schooling institution")
    CULTURE = "4", _("Culture and national heritage institution")
    HEALTH = "5", _("Health protection and prevention institution")
    SPORT = "6", _("Sport and recreation institution")
    BUSINESS = "7", _("Institution / business entity")
    CHURCH = "8", _("Church legal person")
    OTHER = "9", _("Other (indicate the sector)")
    NGO = "10", _("Non-governmental organisation")
    SELF_GOVERNMENT_BODY = "11", _("Local-government body (gmina council)")
    OUTSIDE_GMINA = "12", _("Institution from outside the gmina")


R = RespondentCategory
KIND_TO_RESPONDENT_CATEGORY: dict[str, str] = {
    K.KIS: R.SOCIAL_ASSISTANCE,
    K.CIS: R.SOCIAL_ASSISTANCE,
    K.SOCIAL_COOPERATIVE: R.BUSINESS,
    K.OPS: R.SOCIAL_ASSISTANCE,
    K.PCPR: R.SOCIAL_ASSISTANCE,
    K.PUP: R.ADMINISTRATION,
    K.WUP: R.ADMINISTRATION,
    K.ROPS: R.SOCIAL_ASSISTANCE,
    K.VOIVODE_OFFICE: R.ADMINISTRATION,
    K.MARSHAL_OFFICE: R.ADMINISTRATION,
    K.MINISTRY_DEPARTMENT: R.ADMINISTRATION,
    K.GMINA_OFFICE: R.SELF_GOVERNMENT_BODY,
    K.POWIAT_OFFICE: R.ADMINISTRATION,
    K.ASSOCIATION: R.NGO,
    K.FOUNDATION: R.NGO,
    K.CULTURE_INSTITUTION: R.CULTURE,
    K.LIBRARY: R.CULTURE,
    K.SCHOOL: R.EDUCATION,
    K.HEALTH_FACILITY: R.HEALTH,
    K.SPORT_CENTRE: R.SPORT,
    K.EMPLOYER: R.BUSINESS,
    K.CHURCH_ENTITY: R.CHURCH,
    K.NATIONAL_CENTRE: R.ADMINISTRATION,
    K.REGIONAL_CENTRE: R.SOCIAL_ASSISTANCE,
    K.ANIMATION_CENTRE: R.ADMINISTRATION,
    K.OTHER: R.OTHER,
}


class StaffFunction(models.TextChoices):
    """Functions of people in organisations; the KIS staff roles of Model KSR, II.4 „KIS ma własną tożsamość
    instytucjonalną”; Prawne aspekty, II.1 (organisational model of the KIS), IV.1 (organisational standard of the
    KIS)."""

    HEAD = "head", _("Head of the institution")
    SUBSTANTIVE = "substantive", _("Substantive employee")
    MANAGER = "manager", _("Club leader / manager")
    COORDINATOR = "coordinator", _("Coordinator")
    CASE_MANAGER = "case_manager", _("Case manager")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    PSYCHOTHERAPIST = "psychotherapist", _("Psychotherapist")
    ADDICTION_THERAPIST = "addiction_therapist", _("Addiction therapist")
    THERAPIST = "therapist", _("Therapist")
    SOCIOTHERAPIST = "sociotherapist", _("Sociotherapist")
    VOCATIONAL_ADVISER = "vocational_adviser", _("Vocational adviser")
    LAWYER = "lawyer", _("Lawyer")
    PEDAGOGUE = "pedagogue", _("Pedagogue")
    FAMILY_ASSISTANT = "family_assistant", _("Family assistant")
    FAMILY_SPECIALIST = "family_specialist", _("Family work specialist")
    IT_SPECIALIST = "it_specialist", _("IT specialist")
    ADMIN_ACCOUNTING = "admin_accounting", _("Administrative-accounting worker")
    REPRESENTATIVE = "representative", _("Representative")
    OTHER = "other", _("Other")
