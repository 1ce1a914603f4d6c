"""Helpers shared by the apps' FilterSets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django_filters.rest_framework import DjangoFilterBackend


def set_choices(filterset: Any, name: str, choices: Sequence[tuple[Any, Any]]) -> None:
    """Give filter ``name`` of a FilterSet instance choices computed now (e.g. from the database).

    A FilterSet's filters are deep copies of the class's filters, and a copy may carry a form
    field built earlier (by the API schema, say) with stale choices; the cached field is dropped
    so that it is rebuilt with these choices.
    """
    target = filterset.filters[name]
    target.extra["choices"] = list(choices)
    target.__dict__.pop("_field", None)


# The largest integer every database accepts (SQLite's and PostgreSQL's bigint).
MAX_DB_INT = 2**63 - 1


def bound_filter_values(filterset: Any) -> None:
    """Refuse filter values the database cannot take, as a validation error (400), not a 5xx.

    Numbers are bounded to the database's integer range, years to 1–9999 (Python's dates);
    a choice of an object by a huge id is "not a valid choice", not an ``OverflowError``.
    Called by ``FilterBackend`` (the API) and ``listing.FilteredListView`` (the pages).
    """
    for name, field in filterset.form.fields.items():
        flt = filterset.filters.get(name)
        lookup = str(getattr(flt, "lookup_expr", "") or "")
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
            low, high = (1, 9999) if lookup.endswith("year") else (-MAX_DB_INT, MAX_DB_INT)
            field.validators.extend([MinValueValidator(low), MaxValueValidator(high)])
        elif isinstance(field, forms.ModelChoiceField):
            field.to_python = _without_overflow(field.to_python, field)  # type: ignore[method-assign]


def _without_overflow(to_python: Any, field: Any) -> Any:
    def checked(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str) and item.strip().lstrip("-").isdigit() and abs(int(item)) > MAX_DB_INT:
                raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice")
        return to_python(value)

    return checked


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend with ``bound_filter_values`` applied (``DEFAULT_FILTER_BACKENDS``)."""

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            bound_filter_values(filterset)
        return filterset
