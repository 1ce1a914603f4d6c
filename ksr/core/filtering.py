"""Helpers shared by the apps' FilterSets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def set_choices(filterset: Any, name: str, choices: Sequence[tuple[Any, Any]]) -> None:
    """Give filter ``name`` of a FilterSet instance choices computed now (e.g. from the database).

    A FilterSet's filters are deep copies of the class's filters, and a copy may carry a form
    field built earlier (by the API schema, say) with stale choices; the cached field is dropped
    so that it is rebuilt with these choices.
    """
    target = filterset.filters[name]
    target.extra["choices"] = list(choices)
    target.__dict__.pop("_field", None)
