from rest_framework.routers import SimpleRouter

from ksr.pipeline.api import FunnelViewSet, InitiativeViewSet

router = SimpleRouter()
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("funnel", FunnelViewSet, basename="funnel")
urlpatterns = router.urls
