from django.urls import path

from ksr.registers import views

app_name = "registers"
urlpatterns = [path("", views.placeholder, name="public_index")]
