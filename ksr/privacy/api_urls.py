from rest_framework.routers import SimpleRouter

from ksr.privacy.api import AggregateViewSet, ConsentViewSet, PartnerParticipantViewSet

router = SimpleRouter()
router.register("consents", ConsentViewSet, basename="consent")
router.register("partner-participants", PartnerParticipantViewSet, basename="partner-participant")
router.register("aggregates", AggregateViewSet, basename="aggregate")
urlpatterns = router.urls
