from rest_framework.routers import SimpleRouter

from ksr.cooperation.api import AssessmentViewSet, MeetingViewSet

router = SimpleRouter()
router.register("meetings", MeetingViewSet, basename="cooperation-meeting")
router.register("assessments", AssessmentViewSet, basename="cooperation-assessment")
urlpatterns = router.urls
