from rest_framework.routers import SimpleRouter

from ksr.registry.api import OrganisationViewSet, PersonViewSet

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
urlpatterns = router.urls
