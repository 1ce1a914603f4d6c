from rest_framework.routers import SimpleRouter

from ksr.partnerships import api

router = SimpleRouter()
router.register("partnerships", api.PartnershipViewSet, basename="partnership")
router.register("partners", api.PartnerViewSet, basename="partner")
router.register("tasks", api.ActionTaskViewSet, basename="task")
router.register("conclusions", api.ConclusionViewSet, basename="conclusion")
router.register("pacts", api.PactViewSet, basename="pact")
router.register("signatories", api.PactSignatoryViewSet, basename="signatory")
router.register("synergy-teams", api.SynergyTeamViewSet, basename="synergy-team")
router.register("attitudes", api.AttitudeViewSet, basename="attitude")
urlpatterns = router.urls
