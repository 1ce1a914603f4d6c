from rest_framework.routers import SimpleRouter

from ksr.plans import api

router = SimpleRouter()
router.register("contracts", api.ContractViewSet, basename="plans-contract")
router.register("action-plans", api.ActionPlanViewSet, basename="plans-action-plan")
router.register("potential-assessments", api.PotentialAssessmentViewSet, basename="plans-potential-assessment")
router.register("card-entries", api.ServiceCardEntryViewSet, basename="plans-card-entry")
router.register("outcome-assessments", api.OutcomeAssessmentViewSet, basename="plans-outcome-assessment")
router.register("outcome-events", api.OutcomeEventViewSet, basename="plans-outcome-event")
urlpatterns = router.urls
