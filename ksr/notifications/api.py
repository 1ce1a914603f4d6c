"""The API of the inbox: the user's own notifications, marking them read, and the delivery preferences."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.accounts.models import User
from ksr.core.api import KsrAPIMixin, StandardPagination, strict
from ksr.notifications.choices import Delivery, NotificationKind
from ksr.notifications.models import Notification, NotificationPreference
from ksr.notifications.services import do_mark_all_read, do_mark_read, do_set_preference


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "link", "organisation", "created_at", "read_at"]
        read_only_fields = fields


class NotificationViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet[Notification]):
    """The signed-in user's notifications, newest first (``?unread=1``: the unread only)."""

    serializer_class = NotificationSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> Any:
        queryset = Notification.objects.visible_to(self.request.user).order_by("-created_at", "-id")
        if self.request.query_params.get("unread") == "1":
            queryset = queryset.unread()
        return queryset

    @action(detail=True, methods=["post"], url_path="read")
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = do_mark_read(self.get_object(), actor=request.user)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NotificationsMarkedRead", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": do_mark_all_read(actor=request.user)})


class PreferenceSerializer(serializers.ModelSerializer[NotificationPreference]):
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    delivery = serializers.ChoiceField(choices=Delivery.choices)

    class Meta:
        model = NotificationPreference
        fields = ["kind", "delivery"]


class PreferenceViewSet(KsrAPIMixin, mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet[Any]):
    """The user's choices of delivery (kinds without a row: an e-mail at once); POST sets one kind."""

    serializer_class = PreferenceSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return NotificationPreference.objects.visible_to(self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = strict(PreferenceSerializer)(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            preference = do_set_preference(
                cast(User, request.user),
                serializer.validated_data["kind"],
                serializer.validated_data["delivery"],
                actor=request.user,
            )
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return Response(PreferenceSerializer(preference).data, status=200)
