from rest_framework.routers import SimpleRouter

from ksr.cases.api import CaseViewSet, FollowUpViewSet, ParticipantViewSet, ReferralViewSet

router = SimpleRouter()
router.register("participants", ParticipantViewSet, basename="participant")
router.register("cases", CaseViewSet, basename="case")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
urlpatterns = router.urls
