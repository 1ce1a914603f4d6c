from django.urls import path
from rest_framework.routers import SimpleRouter

from ksr.accounts.api_auth import ObtainTokenView, TokenViewSet

router = SimpleRouter()
router.register("tokens", TokenViewSet, basename="auth-tokens")
urlpatterns = [path("token/", ObtainTokenView.as_view(), name="auth-token"), *router.urls]
