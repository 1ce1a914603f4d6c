from django.urls import path

from ksr.networks import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("nowa/", views.network_create, name="network_create"),
    path("lsr/", views.lsr_overview, name="lsr_overview"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/edycja/", views.network_update, name="network_update"),
    path("<int:pk>/czlonkowie/nowy/", views.member_add, name="member_add"),
    path("<int:pk>/czlonkowie/<int:membership_pk>/zakonczenie/", views.membership_end, name="membership_end"),
    path("<int:pk>/patronat/nowy/", views.auspices_add, name="auspices_add"),
    path("<int:pk>/zespol/", views.team, name="team"),
    path("<int:pk>/zespol/<int:member_pk>/usun/", views.team_member_remove, name="team_member_remove"),
    path("<int:pk>/wsparcie/", views.assistance, name="assistance"),
    path("<int:pk>/zadania-rpw/", views.regional_tasks, name="regional_tasks"),
    path("<int:pk>/zadania-rpw/<int:record_pk>/", views.regional_task_update, name="regional_task_update"),
    path("<int:pk>/rekomendacje/", views.recommendations, name="recommendations"),
    path("<int:pk>/rekomendacje/<int:record_pk>/", views.recommendation_update, name="recommendation_update"),
]
