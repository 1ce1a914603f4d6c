from django.urls import path

from ksr.cis import views

app_name = "cis"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("stawki/", views.rates, name="rates"),
    path("stawki/nowa/", views.rate_create, name="rate_create"),
    path("<int:pk>/decyzje/nowa/", views.decision_create, name="decision_create"),
    path("<int:pk>/swiadczenia/", views.benefits, name="benefits"),
    path("<int:pk>/swiadczenia/premia/", views.bonus_create, name="bonus_create"),
]
