from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    VOIVODESHIP = "voivodeship", _("Voivodeship")
    POWIAT = "powiat", _("Powiat")
    GMINA = "gmina", _("Gmina")
    # Parts of urban-rural gminas (RODZ 4/5) and city districts / delegations (RODZ 8/9).
    GMINA_PART = "gmina_part", _("Part of a gmina")
    DISTRICT = "district", _("City district")


class GminaKind(models.TextChoices):
    """TERYT RODZ code of a gmina-level unit."""

    URBAN = "1", _("urban gmina")
    RURAL = "2", _("rural gmina")
    URBAN_RURAL = "3", _("urban-rural gmina")
    TOWN_PART = "4", _("town in an urban-rural gmina")
    RURAL_PART = "5", _("rural area of an urban-rural gmina")
    WARSAW_DISTRICT = "8", _("district of the capital city of Warsaw")
    CITY_DELEGATION = "9", _("delegation (district) of a city")


GMINA_KINDS = {GminaKind.URBAN, GminaKind.RURAL, GminaKind.URBAN_RURAL}
PART_KINDS = {GminaKind.TOWN_PART, GminaKind.RURAL_PART}
DISTRICT_KINDS = {GminaKind.WARSAW_DISTRICT, GminaKind.CITY_DELEGATION}
