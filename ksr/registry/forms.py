"""Forms of the organisation registry. They validate; the services (``services.py``) write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registry.models import Organisation, Person, Sector
from ksr.registry.querysets import seat_prefixes
from ksr.registry.services import ORGANISATION_FIELDS, ORGANISATION_M2M, PERSON_FIELDS
from ksr.territory.choices import UnitLevel
from ksr.territory.forms import UnitChoiceField, UnitMultipleChoiceField

MAX_IMPORT_BYTES = 2 * 1024 * 1024


class SectorMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Sector) -> str:
        return str(obj)


class OrganisationForm(forms.ModelForm):
    """Create or edit an organisation. The stakeholder type is derived, so it is not a field."""

    seat = UnitChoiceField(levels=(UnitLevel.GMINA,), label=_("seat (gmina)"))
    area = UnitMultipleChoiceField(
        levels=(UnitLevel.GMINA, UnitLevel.POWIAT),
        required=False,
        label=_("area of operation"),
        help_text=_("Gminas and powiats where the organisation works: one per line, a name or a TERYT code."),
    )
    sectors = SectorMultipleChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("sectors"),
        help_text=_("Areas in which the organisation provides services."),
    )

    # Wider than the stored value: "PL 526-025-02-74" is accepted and normalised by the model.
    nip = forms.CharField(
        label=_("NIP"), max_length=20, required=False, help_text=_("10 digits; dashes and the PL prefix are ignored.")
    )
    regon = forms.CharField(label=_("REGON"), max_length=20, required=False, help_text=_("9 or 14 digits."))
    krs = forms.CharField(
        label=_("KRS number"),
        max_length=20,
        required=False,
        help_text=_("10 digits with leading zeros, e.g. 0000123456. Leave empty if not registered in KRS."),
    )

    class Meta:
        model = Organisation
        fields = [f for f in ORGANISATION_FIELDS if f != "is_active"] + list(ORGANISATION_M2M) + ["is_active"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("The full name, as in the statute or the register."),
            "short_name": _("Optional; used in lists, e.g. “MOPS Warszawa”."),
            "kind": _("The legal or institutional type of the organisation."),
            "operating_level": _("Whether it works locally, across a region or nationally."),
            "postal_code": _("In the form 00-950."),
            "offers_internships": _("Tick if participants can do internships here."),
            "is_active": _("Untick to deactivate an organisation that no longer works with the network."),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        seat_field = cast(UnitChoiceField, self.fields["seat"])
        prefixes = seat_prefixes(user)
        if prefixes is not None:
            q = Q(pk__in=[])
            for prefix in prefixes:
                q |= Q(code__startswith=prefix)
            if self.instance.pk and self.instance.seat_id:
                # The current seat stays valid, and a manager may move within the powiat.
                q |= Q(code__startswith=self.instance.seat.code[:4])
            seat_field.queryset = seat_field.units.filter(q)
        parent_field = cast(forms.ModelChoiceField, self.fields["parent"])
        parents = Organisation.objects.visible_to(user).only("id", "name").order_by(polish("name"))
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        parent_field.queryset = parents
        parent_field.help_text = _("E.g. the OPS within which a KIS operates. Optional.")
        for name in ("reintegration_goal",):
            self.fields[name].help_text = _(
                "Leave empty to use the usual status for the kind. It decides the stakeholder type: "
                "main goal → type A, one of the goals → type B, not a goal → type C."
            )
        if not self.instance.pk:
            self.fields.pop("is_active")

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["sectors"] = list(data.get("sectors") or [])
        data["area"] = list(data.get("area") or [])
        return data


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)
        widgets = {
            "since": DateInput(),
            "until": DateInput(),
        }
        help_texts = {
            "function": _("The person's function in the organisation."),
            "position": _("The job title, if different from the function."),
            "fte": _("Part of a full-time post, e.g. 0.5 for half-time."),
            "since": _("When the person started in this function."),
            "until": _("Leave empty while the person still works here."),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "The columns of the CSV export, separated by semicolons, UTF-8 (with or without BOM). "
            "Rows are matched to existing organisations by NIP or REGON."
        ),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        raw = upload.read()
        try:
            return str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")) from exc


__all__ = ["ImportUploadForm", "OrganisationForm", "PersonForm"]
