from django.urls import path

from ksr.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("osoby/", views.participant_list, name="participant_list"),
    path("osoby/nowa/", views.participant_create, name="participant_create"),
    path("osoby/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("osoby/<int:pk>/edycja/", views.participant_update, name="participant_update"),
    path("osoby/<int:pk>/grupa-docelowa/", views.eligibility_add, name="eligibility_add"),
    path("osoby/<int:pk>/nowa-sprawa/", views.case_open, name="case_open"),
    path("grupa-docelowa/<int:pk>/weryfikacja/", views.eligibility_verify, name="eligibility_verify"),
    path("sprawy/", views.case_list, name="case_list"),
    path("sprawy/<int:pk>/", views.case_detail, name="case_detail"),
    path("sprawy/<int:pk>/case-manager/", views.case_assign, name="case_assign"),
    path("sprawy/<int:pk>/rozpoczecie/", views.case_start, name="case_start"),
    path("sprawy/<int:pk>/zgoda-ops/", views.case_ops_agreement, name="case_ops_agreement"),
    path("sprawy/<int:pk>/przyjecie-do-cis/", views.case_admit, name="case_admit"),
    path("sprawy/<int:pk>/zakonczenie/", views.case_exit, name="case_exit"),
    path("sprawy/<int:pk>/przejscie-do-cis/", views.case_transfer, name="case_transfer"),
    path("sprawy/<int:pk>/korekta-przyjecia/", views.case_correct_admission, name="case_correct_admission"),
    path("sprawy/<int:pk>/absolwent/", views.case_graduate, name="case_graduate"),
    path("monitoring/<int:pk>/", views.follow_up_update, name="follow_up_update"),
    path("skierowania/", views.referral_list, name="referral_list"),
    path("skierowania/moje/", views.my_referrals, name="my_referrals"),
    path("skierowania/nowe/", views.referral_create, name="referral_create"),
    path("skierowania/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("skierowania/<int:pk>/ocena/", views.referral_review, name="referral_review"),
    path("skierowania/<int:pk>/przyjecie/", views.referral_accept, name="referral_accept"),
    path("skierowania/<int:pk>/odmowa/", views.referral_refuse, name="referral_refuse"),
]
