"""Accounts API: who am I (``/api/v1/accounts/me/``)."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.accounts.models import Membership, User
from ksr.accounts.scope import scope_for
from ksr.accounts.services import confirmed_device, second_factor_required
from ksr.core.api import KsrAPIMixin


class MembershipSerializer(serializers.ModelSerializer[Membership]):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organisation", "organisation_name", "role", "role_label", "valid_from", "valid_to"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer[User]):
    memberships = serializers.SerializerMethodField()
    roles = serializers.SerializerMethodField()
    second_factor_enabled = serializers.SerializerMethodField()
    second_factor_required = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "roles",
            "memberships",
            "second_factor_enabled",
            "second_factor_required",
        ]
        read_only_fields = fields

    @extend_schema(responses=MembershipSerializer(many=True))
    def get_memberships(self, user: User) -> list[dict[str, Any]]:
        rows = Membership.objects.active().filter(user=user).select_related("organisation").order_by("id")
        return list(MembershipSerializer(rows, many=True).data)

    def get_roles(self, user: User) -> list[str]:
        return sorted(scope_for(user).roles)

    def get_second_factor_enabled(self, user: User) -> bool:
        return confirmed_device(user) is not None

    def get_second_factor_required(self, user: User) -> bool:
        return second_factor_required(user)


class MeViewSet(KsrAPIMixin, viewsets.GenericViewSet[User]):
    """The signed-in user, their active memberships and roles."""

    serializer_class = MeSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return User.objects.filter(pk=cast(User, self.request.user).pk)

    @extend_schema(responses=MeSerializer)
    def list(self, request: Request) -> Response:
        return Response(MeSerializer(cast(User, request.user)).data)
