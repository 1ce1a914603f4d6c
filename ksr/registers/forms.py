"""Forms of the officers' register pages; they only parse input, the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registers.choices import CreationMode, EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.registers.services import UPDATABLE_FIELDS
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

ENTITY_KINDS = (OrganisationKind.KIS, OrganisationKind.CIS)


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Limit the choices of the model choice field ``name`` to ``queryset``."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def _founding_bodies(user: AnyUser) -> Any:
    return Organisation.objects.visible_to(user).select_related("seat").exclude(kind__in=ENTITY_KINDS)


class NotificationForm(forms.Form):
    """A KIS or CIS notified to the voivode (UZS art. 18 ust. 1)."""

    entity_kind = forms.ChoiceField(label=_("Entity"), choices=EntityKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("KIS or CIS"),
        queryset=Organisation.objects.none(),
        help_text=_("The club or centre as recorded among the organisations; its seat decides the voivodeship."),
    )
    founding_body = forms.ModelChoiceField(label=_("Founding body (operator)"), queryset=Organisation.objects.none())
    creation_mode = forms.ChoiceField(label=_("Mode of creation"), choices=CreationMode.choices)
    founding_act_number = forms.CharField(label=_("Founding act number"), max_length=100, required=False)
    founding_act_date = forms.DateField(label=_("Founding act date"), required=False, widget=DateInput())
    notification_date = forms.DateField(label=_("Notification date"), widget=DateInput())
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never shown in the public register."),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = Organisation.objects.visible_to(user).select_related("seat")
        _limit(self, "organisation", visible.filter(kind__in=ENTITY_KINDS, register_entry__isnull=True))
        _limit(self, "founding_body", _founding_bodies(user))
        self.initial.setdefault("notification_date", timezone.localdate())


class EnterForm(forms.Form):
    entry_date = forms.DateField(label=_("Entry date"), widget=DateInput())
    register_number = forms.CharField(
        label=_("Register number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to give the next number, e.g. KIS/14/2026/003."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("entry_date", timezone.localdate())


class StrikeOffForm(forms.Form):
    date = forms.DateField(label=_("Struck off on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason for striking off"), choices=StrikeOffReason.choices)
    note = forms.CharField(
        label=_("Striking-off details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the date and reference of the operator's notice."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("date", timezone.localdate())


class EntryUpdateForm(forms.ModelForm):
    """Corrections of an entry; status changes go through "enter" and "strike off"."""

    class Meta:
        model = RegisterEntry
        fields = list(UPDATABLE_FIELDS)
        widgets = {
            "founding_act_date": DateInput(),
            "notification_date": DateInput(),
            "entry_date": DateInput(),
            "struck_off_date": DateInput(),
            "strike_off_note": forms.Textarea(attrs={"rows": 3}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = Organisation.objects.filter(pk=self.instance.founding_body_id)
        _limit(self, "founding_body", _founding_bodies(user) | current)
        status = self.instance.status
        if status == EntryStatus.NOTIFIED:
            for name in ("entry_date", "register_number", "struck_off_date", "strike_off_reason", "strike_off_note"):
                del self.fields[name]
        elif status == EntryStatus.ENTERED:
            for name in ("struck_off_date", "strike_off_reason", "strike_off_note"):
                del self.fields[name]

    def _post_clean(self) -> None:
        # The service validates and saves; the form only parses (no model validation here).
        pass
