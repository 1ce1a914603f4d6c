from rest_framework.routers import SimpleRouter

from ksr.registers.api import PublicRegisterViewSet, RegisterEntryViewSet

router = SimpleRouter()
router.register("public", PublicRegisterViewSet, basename="public-register")
router.register("entries", RegisterEntryViewSet, basename="register-entry")
urlpatterns = router.urls
