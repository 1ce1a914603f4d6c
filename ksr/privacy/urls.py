from django.urls import path

from ksr.privacy import views

app_name = "privacy"
urlpatterns = [
    path("zestawienia/", views.aggregate_list, name="aggregates"),
    path("partner/uczestnicy/", views.partner_participant_list, name="partner_participant_list"),
    path(
        "partner/uczestnicy/<int:participant_pk>/",
        views.partner_participant_detail,
        name="partner_participant_detail",
    ),
    path("uczestnicy/<int:participant_pk>/zgody/", views.participant_consents, name="participant_consents"),
    path(
        "uczestnicy/<int:participant_pk>/zgody/<int:pk>/zgoda-opiekuna/",
        views.consent_helper,
        name="consent_helper",
    ),
    path(
        "uczestnicy/<int:participant_pk>/zgody/<int:pk>/wycofanie/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("uczestnicy/<int:participant_pk>/odczyty/", views.participant_audit, name="participant_audit"),
    path("uczestnicy/<int:participant_pk>/kopia-danych/", views.participant_export, name="participant_export"),
]
