"""The API's JSON parser, with limits (``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``).

A module of its own: DRF imports it while loading its settings, before ``ksr.core.api`` can be.
"""

import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class JSONParser(parsers.JSONParser):
    """JSON with limits: the body's size (read no further) and how deep it nests."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(raw.decode(encoding), parse_constant=_refuse_constant)
        except RecursionError as exc:
            raise exceptions.ParseError(_("The JSON is nested too deeply.")) from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(_("The body is not valid JSON.")) from exc
        if _depth(data) > settings.KSR_MAX_JSON_DEPTH:
            raise exceptions.ParseError(_("The JSON is nested too deeply."))
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _depth(data: Any) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


class RequestTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "too_large"

    def __init__(self) -> None:
        super().__init__(_("The request body is too large."))
