from django.apps import AppConfig


class DatasetConfig(AppConfig):
    """The national data set: ``generate_national`` builds it in bulk, ``check_data`` checks it."""

    name = "ksr.dataset"
    label = "dataset"
