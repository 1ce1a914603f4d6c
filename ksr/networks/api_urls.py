from rest_framework.routers import SimpleRouter

from ksr.networks import api

router = SimpleRouter()
router.register("networks", api.NetworkViewSet, basename="network")
router.register("memberships", api.MembershipViewSet, basename="membership")
router.register("auspices", api.AuspicesActViewSet, basename="auspices")
router.register("team-members", api.TeamMemberViewSet, basename="team-member")
router.register("assistance", api.TechnicalAssistanceViewSet, basename="assistance")
router.register("regional-tasks", api.RegionalTaskViewSet, basename="regional-task")
router.register("recommendations", api.RecommendationViewSet, basename="recommendation")
urlpatterns = router.urls
