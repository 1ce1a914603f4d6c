from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetConfig(AppConfig):
    name = "ksr.dataset"
    label = "dataset"
    verbose_name = _("National data set")
