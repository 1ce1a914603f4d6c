from django.urls import path

from ksr.procedures import views

app_name = "procedures"
urlpatterns = [
    path("", views.card_list, name="card_list"),
    path("realizacje/", views.run_list, name="run_list"),
    path("realizacje/nowa/", views.run_create, name="run_create"),
    path("realizacje/<int:pk>/", views.run_detail, name="run_detail"),
    path("zadania/<int:pk>/wykonanie/", views.task_complete, name="task_complete"),
    path("zadania/<int:pk>/anulowanie/", views.task_cancel, name="task_cancel"),
    path("potrzeby/", views.request_list, name="request_list"),
    path("potrzeby/nowe/", views.request_create, name="request_create"),
    path("potrzeby/<int:pk>/", views.request_detail, name="request_detail"),
    path("potrzeby/<int:pk>/odpowiedz/", views.request_answer, name="request_answer"),
    path("potrzeby/<int:pk>/zamknij/", views.request_close, name="request_close"),
    path("warianty/", views.variant_list, name="variant_list"),
    path("warianty/nowy/", views.variant_create, name="variant_create"),
]
