from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "ksr.surveys"
    label = "surveys"
    verbose_name = _("Readiness surveys and interviews")
