from django.urls import path

from ksr.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("nowa/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/wyslij/", views.survey_send, name="survey_send"),
    path("<int:pk>/papierowa/", views.survey_paper, name="survey_paper"),
    path("<int:pk>/wyniki/", views.survey_summary, name="survey_summary"),
    path("<int:pk>/wywiady/nowy/", views.interview_create, name="interview_create"),
    path("wywiady/<int:pk>/", views.interview_detail, name="interview_detail"),
    path("gotowosc/gmina/<str:code>/", views.readiness_gmina, name="readiness_gmina"),
    path("gotowosc/wojewodztwo/<str:code>/", views.readiness_region, name="readiness_region"),
    path("raport/", views.report, name="report"),
    path("diagram/", views.diagram, name="diagram"),
    path("a/<str:token>/", views.answer, name="answer"),
]
