"""KSR: the information system of the National Reintegration Network (Krajowa Sieć Reintegracji)."""

from ksr.celery import app as celery_app

__all__ = ["celery_app"]
