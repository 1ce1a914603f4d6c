"""Forms of the pipeline. They validate; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.widgets import DateInput
from ksr.pipeline.choices import Stage
from ksr.pipeline.models import Initiative
from ksr.registers.choices import CreationMode
from ksr.registers.models import RegisterEntry
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.forms import UnitChoiceField


class InitiativeForm(forms.ModelForm):
    gmina = UnitChoiceField(
        levels=(UnitLevel.GMINA,), label=_("gmina"), help_text=_("The gmina where the new entity will work.")
    )

    class Meta:
        model = Initiative
        fields = ["name", "gmina", "entity_kind", "notes"]
        help_texts = {"name": _("A working name, e.g. “KIS in Dąbrówka”.")}


class TransitionForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("new stage"), choices=[])
    on = forms.DateField(
        label=_("date"),
        initial=timezone.localdate,
        widget=DateInput(),
        help_text=_("When the initiative reached the new stage."),
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the initiative stalls or is abandoned: give the reason."),
    )
    creation_mode = forms.ChoiceField(
        label=_("mode of creation"),
        required=False,
        choices=[("", "—"), *CreationMode.choices],
        help_text=_("Required from the stage “founding body decided” on."),
    )
    founding_body = forms.ModelChoiceField(
        label=_("founding body"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("The gmina, OPS or NGO that runs the new entity."),
    )
    founding_act_number = forms.CharField(
        label=_("founding act number"),
        required=False,
        max_length=100,
        help_text=_("E.g. the council resolution or the OPS head's order number."),
    )
    founding_act_date = forms.DateField(
        label=_("founding act date"),
        required=False,
        widget=DateInput(),
        help_text=_("Required from the stage “founding act adopted” on."),
    )
    register_entry = forms.ModelChoiceField(
        label=_("register entry"),
        required=False,
        queryset=RegisterEntry.objects.none(),
        help_text=_("The entry in the voivode's register; it must be “entered” for the stage “entered”."),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "creation_mode": initiative.creation_mode,
                "founding_body": initiative.founding_body_id,
                "founding_act_number": initiative.founding_act_number,
                "founding_act_date": initiative.founding_act_date,
                "register_entry": initiative.register_entry_id,
            },
        )
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        to_stage: Any = self.fields["to_stage"]
        to_stage.choices = [(s, Stage(s).label) for s in initiative.allowed_targets()]
        region = initiative.gmina.code[:2]
        founding: Any = self.fields["founding_body"]
        founding.queryset = Organisation.objects.filter(seat__code__startswith=region).order_by(polish("name"))
        entry: Any = self.fields["register_entry"]
        entry.queryset = RegisterEntry.objects.filter(voivodeship__code=region).select_related("organisation")

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("creation_mode", "founding_body", "founding_act_number", "founding_act_date", "register_entry")
            if data.get(name) not in (None, "")
        }
