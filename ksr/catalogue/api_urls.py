from rest_framework.routers import SimpleRouter

from ksr.catalogue.api import (
    ActivityViewSet,
    BookingViewSet,
    EditionViewSet,
    OfferViewSet,
    ServiceViewSet,
    SupportInstrumentViewSet,
)

router = SimpleRouter()
router.register("services", ServiceViewSet, basename="catalogue-service")
router.register("offers", OfferViewSet, basename="catalogue-offer")
router.register("bookings", BookingViewSet, basename="catalogue-booking")
router.register("editions", EditionViewSet, basename="catalogue-edition")
router.register("activities", ActivityViewSet, basename="catalogue-activity")
router.register("support-instruments", SupportInstrumentViewSet, basename="catalogue-support-instrument")
urlpatterns = router.urls
