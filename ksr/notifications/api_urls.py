from rest_framework.routers import SimpleRouter

from ksr.notifications.api import NotificationViewSet, PreferenceViewSet

router = SimpleRouter()
router.register("preferences", PreferenceViewSet, basename="notification-preference")
router.register("", NotificationViewSet, basename="notification")
urlpatterns = router.urls
