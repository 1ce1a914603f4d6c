from django.urls import path, re_path

from ksr.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("szukaj/", views.unit_search, name="unit_search"),
    re_path(r"^(?P<code>[0-9]{2,7})/$", views.UnitDetailView.as_view(), name="unit_detail"),
]
