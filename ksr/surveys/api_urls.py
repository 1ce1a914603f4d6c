from rest_framework.routers import SimpleRouter

from ksr.surveys.api import InterviewViewSet, SurveyViewSet

router = SimpleRouter()
router.register("surveys", SurveyViewSet, basename="survey")
router.register("interviews", InterviewViewSet, basename="interview")
urlpatterns = router.urls
