from django.urls import path

from ksr.agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("przeglad-kierownika/", views.manager_overview, name="manager_overview"),
    path("subskrypcja/", views.feed_settings, name="feed"),
    path("subskrypcja/nowy-adres/", views.feed_issue, name="feed_issue"),
    path("subskrypcja/odwolaj/", views.feed_revoke, name="feed_revoke"),
    path("ics/<str:token>.ics", views.ics, name="ics"),
]
