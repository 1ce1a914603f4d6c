from rest_framework.routers import SimpleRouter

from ksr.territory.api import TerritorialUnitViewSet

router = SimpleRouter()
router.register("units", TerritorialUnitViewSet, basename="territorialunit")
urlpatterns = router.urls
