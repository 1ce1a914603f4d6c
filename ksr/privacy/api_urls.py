from rest_framework.routers import SimpleRouter

from ksr.privacy.api import AggregateViewSet, ConsentViewSet

router = SimpleRouter()
router.register("consents", ConsentViewSet, basename="consent")
router.register("aggregates", AggregateViewSet, basename="aggregate")
urlpatterns = router.urls
