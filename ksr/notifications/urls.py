from django.urls import path

from ksr.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("licznik/", views.badge, name="badge"),
    path("<int:pk>/przeczytane/", views.mark_read, name="mark_read"),
    path("wszystkie-przeczytane/", views.mark_all_read, name="mark_all_read"),
    path("ustawienia/", views.preferences, name="preferences"),
]
