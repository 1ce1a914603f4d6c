"""Forms of the officers' register pages; they only parse input, the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registers.choices import CreationMode, EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.registers.services import UPDATABLE_FIELDS
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.models import TerritorialUnit

ENTITY_KINDS = (OrganisationKind.KIS, OrganisationKind.CIS)


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Limit the choices of the model choice field ``name`` to ``queryset``."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def _founding_bodies(user: AnyUser) -> Any:
    return Organisation.objects.visible_to(user).select_related("seat").exclude(kind__in=ENTITY_KINDS)


def kept_voivodeships(user: AnyUser) -> frozenset[str] | None:
    """Codes of the voivodeships whose register ``user`` keeps (None: every one)."""
    scope = scope_for(user)
    if scope.has_role(Role.SYSTEM_ADMIN):
        return None
    return frozenset(prefix[:2] for prefix in scope.prefixes_for(Role.REGISTER_OFFICER))


def _code_q(field: str, codes: frozenset[str]) -> Q:
    q = Q(pk__in=[])
    for code in sorted(codes):
        q |= Q(**{f"{field}__startswith": code})
    return q


class GminaChoiceField(forms.ModelChoiceField):
    """Gminas named with their powiat: two gminas of the same name are told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent else str(obj.name)


class NotificationForm(forms.Form):
    """A KIS or CIS notified to the voivode (UZS art. 18 ust. 1)."""

    entity_kind = forms.ChoiceField(label=_("Entity"), choices=EntityKind.choices)
    organisation = forms.ModelChoiceField(
        label=_("KIS or CIS"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "A club or centre of your voivodeship already recorded among the organisations and not yet "
            "in the register. For a new one, leave this empty and give its name and seat below."
        ),
    )
    name = forms.CharField(label=_("Name of a new KIS or CIS"), max_length=255, required=False)
    seat = GminaChoiceField(
        label=_("Seat of the new KIS or CIS (gmina)"), queryset=TerritorialUnit.objects.none(), required=False
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
        kept = kept_voivodeships(user)
        visible = Organisation.objects.visible_to(user).select_related("seat")
        clubs = visible.filter(kind__in=ENTITY_KINDS, register_entry__isnull=True).order_by("name")
        gminas = TerritorialUnit.objects.gminas().current().select_related("parent").order_by("name", "code")
        if kept is not None:
            clubs = clubs.filter(_code_q("seat__code", kept))
            gminas = gminas.filter(_code_q("code", kept))
        _limit(self, "organisation", clubs)
        _limit(self, "seat", gminas)
        _limit(self, "founding_body", _founding_bodies(user))
        self.initial.setdefault("notification_date", timezone.localdate())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        organisation, name, seat = data.get("organisation"), data.get("name"), data.get("seat")
        if organisation is not None and (name or seat):
            raise forms.ValidationError(
                _("Choose a recorded club or centre, or give the name and seat of a new one, not both.")
            )
        if organisation is None and not (name and seat) and not self.has_error("organisation"):
            raise forms.ValidationError(_("Choose the club or centre, or give the name and seat of a new one."))
        return data


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
