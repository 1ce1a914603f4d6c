from django.urls import path

from ksr.analytics import views

app_name = "analytics"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("sieci/<int:network_pk>/graf/", views.network_graph, name="network_graph"),
    path("sieci/<int:network_pk>/metryki/", views.network_metrics, name="network_metrics"),
    path("regiony/<str:code>/", views.region_metrics, name="region_metrics"),
    path("mapy/", views.maps_view, name="maps"),
]
