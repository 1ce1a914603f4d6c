from rest_framework.routers import SimpleRouter

from ksr.accounts.api import MeViewSet

router = SimpleRouter()
router.register("me", MeViewSet, basename="accounts-me")
urlpatterns = router.urls
