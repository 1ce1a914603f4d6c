from django.urls import path

from ksr.plans import views

app_name = "plans"
urlpatterns = [
    path("sprawy/<int:case_pk>/plan/", views.case_plan, name="case_plan"),
    path("sprawy/<int:case_pk>/karta/", views.case_card, name="case_card"),
    path("sprawy/<int:case_pk>/rezultaty/", views.case_outcomes, name="case_outcomes"),
    path("sprawy/<int:case_pk>/kontrakty/nowy/", views.contract_create, name="contract_create"),
    path("sprawy/<int:case_pk>/kontrakty/<int:pk>/zmiana/", views.contract_amend, name="contract_amend"),
    path("sprawy/<int:case_pk>/kontrakty/<int:pk>/podpisy/", views.contract_sign, name="contract_sign"),
    path("sprawy/<int:case_pk>/kontrakty/<int:pk>/przeglad/", views.contract_review, name="contract_review"),
    path("sprawy/<int:case_pk>/kontrakty/<int:pk>/sankcja/", views.contract_sanction, name="contract_sanction"),
    path("sprawy/<int:case_pk>/kontrakty/<int:pk>/status/", views.contract_status, name="contract_status"),
    path("sprawy/<int:case_pk>/ipd/", views.plan_edit, name="plan_edit"),
    path("sprawy/<int:case_pk>/ipd/cele/nowy/", views.plan_goal_create, name="plan_goal_create"),
    path("sprawy/<int:case_pk>/ipd/status/", views.plan_status, name="plan_status"),
    path("sprawy/<int:case_pk>/potencjal/nowa/", views.potential_create, name="potential_create"),
    path("sprawy/<int:case_pk>/karta/nowy-wpis/", views.card_entry_create, name="card_entry_create"),
    path("sprawy/<int:case_pk>/rezultaty/ocena/", views.outcome_assessment_create, name="outcome_assessment_create"),
    path("sprawy/<int:case_pk>/rezultaty/nowy/", views.outcome_event_create, name="outcome_event_create"),
]
