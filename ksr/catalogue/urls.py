from django.urls import path

from ksr.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("nowa/", views.service_form, name="service_create"),
    path("<int:pk>/", views.service_detail, name="service_detail"),
    path("<int:pk>/edycja/", views.service_form, name="service_update"),
    path("oferty/", views.offer_list, name="offer_list"),
    path("oferty/moje/", views.my_offers, name="my_offers"),
    path("oferty/nowa/", views.offer_form, name="offer_create"),
    path("oferty/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("oferty/<int:pk>/edycja/", views.offer_form, name="offer_update"),
    path("sprawy/<int:case_pk>/", views.case_services, name="case_services"),
    path("sprawy/<int:case_pk>/rezerwacje/nowa/", views.booking_create, name="booking_create"),
    path("sprawy/<int:case_pk>/instrumenty/nowy/", views.instrument_create, name="instrument_create"),
    path("sprawy/<int:case_pk>/zaswiadczenie/", views.certificate_issue, name="certificate_issue"),
    path("rezerwacje/<int:pk>/status/", views.booking_status, name="booking_status"),
    path("edycje/", views.edition_list, name="edition_list"),
    path("edycje/nowa/", views.edition_create, name="edition_create"),
    path("edycje/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("edycje/<int:edition_pk>/zajecia/nowe/", views.activity_create, name="activity_create"),
    path("zajecia/", views.activity_list, name="activity_list"),
    path("zajecia/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("zajecia/<int:activity_pk>/obecnosc/", views.quick_attendance, name="quick_attendance"),
    path("pokrycie/", views.coverage, name="coverage"),
    path("instrumenty/", views.instrument_totals, name="instrument_totals"),
]
