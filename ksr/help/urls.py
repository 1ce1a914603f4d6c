from django.urls import path

from ksr.help import views

app_name = "help"

urlpatterns = [
    path("", views.index, name="index"),
    path("slownik/", views.glossary, name="glossary"),
    path("<slug:slug>/", views.topic, name="topic"),
]
