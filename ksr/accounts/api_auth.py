"""Token authentication for API clients (``/api/v1/auth/``).

``POST token/`` exchanges username, password and — where a second factor is set up or required —
the current TOTP code for a token with an expiry (django-rest-knox: stored hashed). The sign-in's
throttling applies (django-axes, ``services.authenticate_with_lockout``). ``tokens/`` lists the
caller's tokens and revokes one (the account page does the same).
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ksr.accounts.models import User
from ksr.accounts.services import api_tokens, do_obtain_api_token, do_revoke_api_token
from ksr.core.api import KsrAPIMixin, KsrSerializerMixin


class TokenRequestSerializer(KsrSerializerMixin, serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, style={"input_type": "password"}, trim_whitespace=False)
    otp = serializers.RegexField(
        r"^\d{6}$",
        required=False,
        allow_blank=True,
        default="",
        help_text="The six-digit TOTP code; required when the user has a second factor.",
    )


class TokenSerializer(serializers.ModelSerializer[AuthToken]):
    prefix = serializers.CharField(source="token_key", read_only=True, help_text="Identifies the token; not secret.")

    class Meta:
        model = AuthToken
        fields = ["prefix", "created", "expiry"]
        read_only_fields = fields


class IssuedTokenSerializer(TokenSerializer):
    token = serializers.CharField(read_only=True, help_text="Send as `Authorization: Token <token>`; shown once.")

    class Meta(TokenSerializer.Meta):
        fields = ["token", "prefix", "created", "expiry"]
        read_only_fields = fields


class ObtainTokenView(APIView):
    """Exchange credentials (and the TOTP code) for an API token."""

    ksr_access = "public"
    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            201: IssuedTokenSerializer,
            400: OpenApiResponse(description="Wrong credentials or TOTP code (one message for all)."),
        },
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        form = TokenRequestSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        instance, key = do_obtain_api_token(
            cast(HttpRequest, request._request),
            form.validated_data["username"],
            form.validated_data["password"],
            form.validated_data["otp"],
        )
        data = dict(TokenSerializer(instance).data)
        return Response({"token": key, **data}, status=status.HTTP_201_CREATED)


@extend_schema(tags=["auth"])
class TokenViewSet(KsrAPIMixin, mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[AuthToken]):
    """The caller's live API tokens; ``DELETE`` revokes one (by its prefix)."""

    serializer_class = TokenSerializer
    pagination_class = None
    filter_backends: list[Any] = []
    lookup_field = "token_key"
    lookup_value_regex = r"[A-Za-z0-9_]{1,25}"

    def get_queryset(self) -> Any:
        return api_tokens(cast(User, self.request.user))

    def perform_destroy(self, instance: AuthToken) -> None:
        user = cast(User, self.request.user)
        do_revoke_api_token(user, instance.token_key, actor=user)
