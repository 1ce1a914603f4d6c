from django.urls import path

from ksr.territory import views

app_name = "territory"
urlpatterns = [path("", views.placeholder, name="unit_list")]
