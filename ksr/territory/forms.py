"""Form fields for choosing TERYT units in any app's forms.

Usage::

    from ksr.territory.choices import UnitLevel
    from ksr.territory.forms import UnitChoiceField, UnitMultipleChoiceField

    class OrganisationForm(forms.ModelForm):
        seat = UnitChoiceField(levels=(UnitLevel.GMINA,), label=_("seat (gmina)"))
        area = UnitMultipleChoiceField(levels=(UnitLevel.GMINA, UnitLevel.POWIAT), required=False)
        voivodeship = UnitChoiceField(levels=(UnitLevel.VOIVODESHIP,))

Both are ``ModelChoiceField`` / ``ModelMultipleChoiceField`` subclasses over the *current*
(not retired) units of ``levels`` (pass ``include_retired=True`` to keep retired ones, e.g. when
editing an old record). ``cleaned_data`` holds ``TerritorialUnit`` instances, as usual.

Widgets — simple and accessible, no custom JavaScript:

- voivodeships only: a plain ``<select>`` (``<select multiple>`` for the multiple field) whose
  option values are TERYT codes.
- any other level: ``UnitChoiceField`` renders ``<input type="text" list="…">`` with a
  ``<datalist>`` filled by htmx from ``territory:unit_search`` while typing (server-side search,
  diacritics-insensitive; the browser's own suggestion list is keyboard-usable).
  ``UnitMultipleChoiceField`` renders a ``<textarea>`` (one unit per line) and, next to it, a
  search box with the same suggestions; picking a suggestion appends it to the textarea.
- without JavaScript the user types a TERYT code ("1434021"), "Ząbki (1434021)" (what a
  suggestion inserts) or an exact name ("Ząbki", "zabki"); the server resolves it
  (``TerritorialUnitQuerySet.resolve``) and answers with a clear Polish error when the name is
  unknown or ambiguous ("Osiek" is a gmina in four powiats → type the code).

The field's ``<label for>`` points at the text input / textarea / select (``id_for_label``); the
default help text is tied to it by Django's ``aria-describedby``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit, TerritorialUnitQuerySet

_SEPARATORS = re.compile(r"[\n;]+")


def _levels(levels: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(str(level) for level in levels)
    unknown = set(chosen) - set(UnitLevel.values)
    if not chosen or unknown:
        raise ValueError(f"levels must be a non-empty subset of UnitLevel, got {levels!r}")
    return chosen


def _search_url(levels: Sequence[str], name: str) -> str:
    return reverse("territory:unit_search") + "?" + urlencode({"level": list(levels), "field": name}, doseq=True)


class UnitSearchInput(forms.TextInput):
    """A text input with htmx-driven ``<datalist>`` suggestions from ``territory:unit_search``."""

    template_name = "territory/widgets/unit_search_input.html"

    def __init__(self, levels: Sequence[str] = (), attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.levels = tuple(levels)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"]["id"] = widget_id
        context["widget"].update(
            search_url=_search_url(self.levels, name),
            list_id=f"{widget_id}-suggestions",
        )
        return context


class UnitMultipleSearchInput(forms.Textarea):
    """A textarea (one unit per line) plus a search box whose picked suggestion is appended."""

    template_name = "territory/widgets/unit_multiple_search_input.html"

    def __init__(self, levels: Sequence[str] = (), attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 4, "spellcheck": "false", **(attrs or {})})
        self.levels = tuple(levels)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"]["id"] = widget_id
        search_name = f"{name}__search"
        context["widget"].update(
            search_url=_search_url(self.levels, search_name),
            search_name=search_name,
            search_id=f"{widget_id}-search",
            list_id=f"{widget_id}-suggestions",
        )
        return context

    def format_value(self, value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return str(value) if value is not None else ""


def _unit_queryset(levels: Sequence[str], include_retired: bool) -> TerritorialUnitQuerySet:
    qs = TerritorialUnit.objects.of_levels(levels).with_parents()
    return qs if include_retired else qs.current()


def _is_voivodeships_only(levels: Sequence[str]) -> bool:
    return set(levels) == {UnitLevel.VOIVODESHIP}


def _voivodeship_label(unit: TerritorialUnit) -> str:
    return unit.name.lower() if unit.level == UnitLevel.VOIVODESHIP else str(unit)


class _UnitFieldMixin:
    """What both unit fields share: the levels, a select (voivodeships) or a search box, the labels."""

    select_widget: type[forms.Widget]
    search_widget: Callable[[Sequence[str]], forms.Widget]
    search_help: Any

    def __init__(self, levels: Iterable[str] = (UnitLevel.GMINA,), *, include_retired: bool = False, **kwargs: Any):
        self.levels = _levels(levels)
        self.uses_select = _is_voivodeships_only(self.levels)
        queryset = kwargs.pop("queryset", None)
        if queryset is None:
            queryset = _unit_queryset(self.levels, include_retired)
        if "widget" not in kwargs:
            kwargs["widget"] = self.select_widget if self.uses_select else self.search_widget(self.levels)
        kwargs.setdefault("to_field_name", "code")
        if not self.uses_select:
            kwargs.setdefault("help_text", self.search_help)
        super().__init__(queryset, **kwargs)  # type: ignore[call-arg]  # the ModelChoiceField's queryset

    @property
    def units(self) -> TerritorialUnitQuerySet:
        """The field's queryset, typed."""
        return cast(TerritorialUnitQuerySet, self.queryset)  # type: ignore[attr-defined]  # the model choice field's queryset (the mixin comes first)

    def label_from_instance(self, obj: TerritorialUnit) -> str:
        return _voivodeship_label(obj)


class UnitChoiceField(_UnitFieldMixin, forms.ModelChoiceField):
    """One current TERYT unit of ``levels``; see the module docstring."""

    select_widget = forms.Select
    search_widget = UnitSearchInput
    search_help = _("Type a name or a TERYT code, then pick one of the suggestions.")

    def _as_unit(self, value: Any) -> TerritorialUnit | None:
        if value in self.empty_values:
            return None
        if isinstance(value, TerritorialUnit):
            return value
        if isinstance(value, int):  # a primary key, e.g. a ModelForm's initial value
            return TerritorialUnit.objects.filter(pk=value).first()
        return None

    def prepare_value(self, value: Any) -> Any:
        unit = self._as_unit(value)
        if unit is not None:
            return unit.code if self.uses_select else unit.input_value
        return value

    def to_python(self, value: Any) -> TerritorialUnit | None:
        if value in self.empty_values:
            return None
        if isinstance(value, TerritorialUnit):
            value = value.code
        try:
            return self.units.resolve(str(value))
        except ValidationError:
            if self.uses_select:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice") from None
            raise

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        before = self._as_unit(initial)
        try:
            after = self.to_python(data)
        except ValidationError:
            return True
        return (before.pk if before else None) != (after.pk if after else None)


class UnitMultipleChoiceField(_UnitFieldMixin, forms.ModelMultipleChoiceField):
    """Several current TERYT units of ``levels``; see the module docstring."""

    select_widget = forms.SelectMultiple
    search_widget = UnitMultipleSearchInput
    search_help = _("One unit per line: a name or a TERYT code. Use the search box to add units from suggestions.")

    def _entries(self, value: Any) -> list[Any]:
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            return [part.strip() for part in _SEPARATORS.split(value) if part.strip()]
        if isinstance(value, (list, tuple, set, frozenset)) or hasattr(value, "__iter__"):
            out: list[Any] = []
            for item in value:
                out.extend(self._entries(item) if isinstance(item, str) else [item])
            return out
        return [value]

    def _as_units(self, value: Any) -> list[TerritorialUnit]:
        units: list[TerritorialUnit] = []
        pks: list[int] = []
        for item in self._entries(value):
            if isinstance(item, TerritorialUnit):
                units.append(item)
            elif isinstance(item, int):
                pks.append(item)
        if pks:
            units += list(TerritorialUnit.objects.filter(pk__in=pks).select_related("parent__parent"))
        return units

    def prepare_value(self, value: Any) -> Any:
        units = self._as_units(value)
        if not units:
            return value
        if self.uses_select:
            return [unit.code for unit in units]
        return [unit.input_value for unit in units]

    def clean(self, value: Any) -> list[TerritorialUnit]:  # type: ignore[override]  # a list of units, not a queryset
        entries = self._entries(value)
        if not entries:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        units: dict[int, TerritorialUnit] = {}
        errors: list[ValidationError] = []
        for entry in entries:
            text = entry.code if isinstance(entry, TerritorialUnit) else str(entry)
            try:
                unit = self.units.resolve(text)
            except ValidationError as error:
                errors.append(
                    ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                    )
                    if self.uses_select
                    else error
                )
                continue
            units.setdefault(unit.pk, unit)
        if errors:
            raise ValidationError(errors)
        self.run_validators(list(units.values()))
        return list(units.values())

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        before = {unit.pk for unit in self._as_units(initial)}
        try:
            after = {unit.pk for unit in self.clean(data)} if data not in self.empty_values else set()
        except ValidationError:
            return True
        return before != after
