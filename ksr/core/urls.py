from django.urls import path

from ksr.core import health, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("eksport/<str:job_id>/", views.export_job, name="export_job"),
    path("eksport/pobierz/<str:token>/", views.export_download, name="export_download"),
]
