from django.urls import path

from ksr.pipeline import views

app_name = "pipeline"
urlpatterns = [
    path("", views.initiative_list, name="initiative_list"),
    path("nowa/", views.initiative_create, name="initiative_create"),
    path("<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("<int:pk>/etap/", views.initiative_transition, name="initiative_transition"),
    path("<int:pk>/krok-prawny/", views.initiative_legal_step, name="initiative_legal_step"),
    path("lejek/", views.funnel, name="funnel"),
    path("raporty/", views.reports, name="reports"),
    path("raporty/<slug:kind>.<str:fmt>", views.report_download, name="report_download"),
]
