from rest_framework.routers import SimpleRouter

from ksr.animation import api

router = SimpleRouter()
router.register("teams", api.TeamViewSet, basename="animation-team")
router.register("animators", api.AnimatorViewSet, basename="animation-animator")
router.register("scenario-choices", api.ScenarioChoiceViewSet, basename="animation-scenario-choice")
router.register("events", api.EventViewSet, basename="animation-event")
router.register("advice-visits", api.AdviceVisitViewSet, basename="animation-advice-visit")
urlpatterns = router.urls
