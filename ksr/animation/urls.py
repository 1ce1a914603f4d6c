from django.urls import path

from ksr.animation import views

app_name = "animation"
urlpatterns = [
    path("", views.index, name="index"),
    path("zespoly/", views.TeamListView.as_view(), name="team_list"),
    path("zespoly/nowy/", views.team_create, name="team_create"),
    path("zespoly/<int:pk>/", views.team_detail, name="team_detail"),
    path("zespoly/<int:pk>/czlonkowie/", views.team_add_member, name="team_add_member"),
    path("animatorzy/", views.AnimatorListView.as_view(), name="animator_list"),
    path("animatorzy/nowy/", views.animator_create, name="animator_create"),
    path("animatorzy/<int:pk>/", views.animator_detail, name="animator_detail"),
    path("animatorzy/<int:pk>/status/", views.animator_status, name="animator_status"),
    path("animatorzy/<int:pk>/modul/", views.animator_module, name="animator_module"),
    path("animatorzy/<int:pk>/egzamin/", views.animator_exam, name="animator_exam"),
    path("scenariusze/katalog/", views.scenario_catalogue, name="scenario_catalogue"),
    path("scenariusze/", views.ScenarioChoiceListView.as_view(), name="scenario_list"),
    path("scenariusze/gmina/", views.scenario_pick_gmina, name="scenario_pick"),
    path("scenariusze/gmina/<str:code>/", views.scenario_choose, name="scenario_choose"),
    path("wydarzenia/", views.EventListView.as_view(), name="event_list"),
    path("wydarzenia/nowe/", views.event_create, name="event_create"),
    path("wizyty/", views.AdviceVisitListView.as_view(), name="visit_list"),
    path("wizyty/nowa/", views.visit_create, name="visit_create"),
]
