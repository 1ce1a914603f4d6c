from django.urls import path
from rest_framework.routers import SimpleRouter

from ksr.analytics.api import NetworkMetricsViewSet, PowiatFiguresView

router = SimpleRouter()
router.register("networks", NetworkMetricsViewSet, basename="analytics-network")
urlpatterns = [
    path("maps/powiats/", PowiatFiguresView.as_view(), name="analytics-powiat-figures"),
    *router.urls,
]
