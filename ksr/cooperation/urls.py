from django.urls import path

from ksr.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("alerty/", views.alerts, name="alerts"),
    path("sieci/<int:network_pk>/forum/", views.network_forum, name="network_forum"),
    path("sieci/<int:network_pk>/forum/utworz/", views.forum_create, name="forum_create"),
    path("sieci/<int:network_pk>/forum/grupy/nowa/", views.task_group_create, name="task_group_create"),
    path(
        "sieci/<int:network_pk>/forum/przedstawiciele/nowy/", views.representative_create, name="representative_create"
    ),
    path("przedstawiciele/<int:pk>/zakoncz/", views.representative_end, name="representative_end"),
    path("sieci/<int:network_pk>/forum/posiedzenia/nowe/", views.meeting_create, name="meeting_create"),
    path("posiedzenia/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("posiedzenia/<int:pk>/edycja/", views.meeting_update, name="meeting_update"),
    path("posiedzenia/<int:pk>/odbyte/", views.meeting_held, name="meeting_held"),
    path("posiedzenia/<int:pk>/odwolaj/", views.meeting_cancel, name="meeting_cancel"),
    path("posiedzenia/<int:pk>/wyslij-protokol/", views.meeting_send_minutes, name="meeting_send_minutes"),
    path("posiedzenia/<int:pk>/decyzje/nowa/", views.decision_create, name="decision_create"),
    path("posiedzenia/<int:pk>/zadania/nowe/", views.action_item_create, name="action_item_create"),
    path("zadania/<int:pk>/status/", views.action_item_status, name="action_item_status"),
    path("sieci/<int:network_pk>/oceny/", views.network_assessments, name="network_assessments"),
    path("sieci/<int:network_pk>/oceny/nowa/", views.assessment_create, name="assessment_create"),
    path("oceny/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("sieci/<int:network_pk>/dzialania/nowe/", views.improvement_action_create, name="improvement_action_create"),
    path("dzialania/<int:pk>/status/", views.improvement_action_status, name="improvement_action_status"),
]
