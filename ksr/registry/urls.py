from django.urls import path

from ksr.registry import views

app_name = "registry"
urlpatterns = [path("", views.placeholder, name="organisation_list")]
