from django.urls import path

from ksr.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("nowa/", views.organisation_create, name="organisation_create"),
    path("import/", views.organisation_import, name="organisation_import"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edycja/", views.organisation_update, name="organisation_update"),
    path("<int:pk>/osoby/nowa/", views.person_create, name="person_create"),
    path("<int:pk>/osoby/<int:person_pk>/edycja/", views.person_update, name="person_update"),
    path("<int:pk>/osoby/<int:person_pk>/usun/", views.person_delete, name="person_delete"),
]
