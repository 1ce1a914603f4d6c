from rest_framework.routers import SimpleRouter

from ksr.procedures import api

router = SimpleRouter()
router.register("cards", api.CardViewSet, basename="procedure-card")
router.register("runs", api.RunViewSet, basename="procedure-run")
router.register("tasks", api.TaskViewSet, basename="procedure-task")
router.register("need-requests", api.NeedRequestViewSet, basename="need-request")
router.register("variant-choices", api.VariantChoiceViewSet, basename="variant-choice")
urlpatterns = router.urls
