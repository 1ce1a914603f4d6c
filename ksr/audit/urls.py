from django.urls import path

from ksr.audit import views

app_name = "audit"
urlpatterns = [path("", views.placeholder, name="entry_list")]
