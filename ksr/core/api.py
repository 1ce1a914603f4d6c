"""Shared pieces of the REST API (``/api/v1/``).

Input is refused, never silently changed (ADR 0015): ``KsrAPIMixin.get_serializer`` hardens every
serializer a view builds — unknown and read-only fields in a write are a 400 naming them, an
object's id must be a whole number (``13.5`` is refused, not read as 13), free text without a
declared length is limited to ``settings.KSR_MAX_TEXT_LENGTH`` — and ``JSONParser`` refuses bodies
nested deeper than ``settings.KSR_MAX_JSON_DEPTH`` or larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
"""

import functools
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.views import exception_handler as drf_exception_handler

# The largest id every database accepts (bigint).
MAX_ID = 2**63 - 1
# Keys a browser form adds to a write that are not data.
_FORM_KEYS = frozenset({"csrfmiddlewaretoken"})


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class KsrAPIMixin:
    """Base of every KSR API view: signed-in users only, objects scoped in ``get_queryset``.

    Views that must be reachable without login set ``ksr_access = "public"`` and
    ``permission_classes = [AllowAny]`` explicitly.
    """

    ksr_access = "authenticated"
    permission_classes: Any = [permissions.IsAuthenticated]
    # Object ids in URLs are whole numbers that fit the database: anything else is no route (404).
    lookup_value_regex = r"[0-9]{1,18}"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # DRF's GenericAPIView may come before this mixin in a view's MRO (a mixin of the app's that
        # derives from GenericViewSet, say), so the hardening is wrapped around whatever
        # ``get_serializer`` the view class ends up with, on the class itself.
        super().__init_subclass__(**kwargs)
        current = getattr(cls, "get_serializer", None)
        if current is not None and not getattr(current, "_ksr_hardened", False):
            cls.get_serializer = _hardened_get_serializer(current)  # type: ignore[attr-defined]


def _hardened_get_serializer(get_serializer: Any) -> Any:
    @functools.wraps(get_serializer)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        serializer = get_serializer(self, *args, **kwargs)
        harden(serializer)
        if "data" in kwargs or len(args) > 1:
            data = kwargs["data"] if "data" in kwargs else args[1]
            refuse_unknown_fields(serializer, data)
        return serializer

    wrapper._ksr_hardened = True  # type: ignore[attr-defined]
    return wrapper


class KsrSerializerMixin:
    """For a serializer built outside ``get_serializer`` (an action's own input): the same rules."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        harden(self)
        if "data" in kwargs:
            refuse_unknown_fields(self, kwargs["data"])


@functools.cache
def strict(serializer_class: type[Any]) -> type[Any]:
    """``serializer_class`` with the API's input rules, for an action that reads its own input.

    ``strict(BookingStatusSerializer)(data=request.data)`` refuses unknown and read-only fields,
    bounds free text and makes ids strict, exactly as ``get_serializer`` does for the viewsets.
    """
    return type(f"Strict{serializer_class.__name__}", (KsrSerializerMixin, serializer_class), {})


def harden(serializer: Any) -> None:
    """Bound free text and make related ids strict, on the fields of ``serializer`` (and nested ones)."""
    target = getattr(serializer, "child", serializer)
    fields = getattr(target, "fields", None)
    if fields is None or getattr(target, "_ksr_hardened", False):
        return
    target._ksr_hardened = True
    for field in fields.values():
        _harden_field(field)


def _harden_field(field: Any) -> None:
    if field.read_only:
        return
    if isinstance(field, serializers.CharField) and field.max_length is None:
        field.max_length = settings.KSR_MAX_TEXT_LENGTH
        message = field.error_messages["max_length"].format(max_length=field.max_length)
        field.validators.append(MaxLengthValidator(field.max_length, message=message))
    elif isinstance(field, PrimaryKeyRelatedField):
        field.to_internal_value = _strict_id(field.to_internal_value, field)  # type: ignore[method-assign]
    elif isinstance(field, ManyRelatedField):
        _harden_field(field.child_relation)
    elif isinstance(field, serializers.BaseSerializer):
        harden(field)


def _strict_id(to_internal_value: Any, field: Any) -> Any:
    def checked(data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            field.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, str) and not data.isdigit():
            field.fail("incorrect_type", data_type="str")
        if int(data) > MAX_ID:
            field.fail("does_not_exist", pk_value=data)
        return to_internal_value(data)

    return checked


def refuse_unknown_fields(serializer: Any, data: Any) -> None:
    """A 400 naming each key of a write that the serializer does not take.

    Unknown keys are refused; so are read-only ones, except that an update may send back a
    read-only field's current value unchanged (a client that PUTs what it GOT changes nothing).
    """
    if not isinstance(data, Mapping):
        return
    fields = getattr(serializer, "fields", {})
    errors: dict[str, list[str]] = {}
    current: dict[str, Any] | None = None
    for key in data:
        if key in _FORM_KEYS:
            continue
        field = fields.get(key)
        if field is None:
            errors[key] = [_("Unknown field.")]
        elif field.read_only:
            instance = getattr(serializer, "instance", None)
            if instance is not None and current is None:
                current = json.loads(json.dumps(serializer.to_representation(instance), cls=JSONEncoder))
            if current is None or current.get(key) != data[key]:
                errors[key] = [_("This field is read-only.")]
    if errors:
        raise exceptions.ValidationError(errors)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the services' Django exceptions as API answers.

    A service raises ``django.core.exceptions.ValidationError`` (400, with the field messages as
    DRF gives them: ``{"field": ["…"], "non_field_errors": ["…"]}``) or ``PermissionDenied`` (403,
    with its message). Views therefore call services without a ``try/except`` of their own.
    """
    if isinstance(exc, DjangoValidationError):
        exc = drf_validation_error(exc)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args[:1])
    return drf_exception_handler(exc, context)


def drf_validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ``ValidationError`` in DRF's shape (for the rare caller that must raise it itself)."""
    if hasattr(error, "error_dict"):
        detail: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name
            detail.setdefault(key, []).extend(messages)
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: error.messages})
