"""Forms of the networks app. They validate input; the services (``services.py``) write."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.states import StateMachine
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.networks.choices import (
    RECOMMENDATION_MACHINE,
    TASK_MACHINE,
    CreationVariant,
    NetworkLevel,
)
from ksr.networks.models import (
    MAIN_NODE_KIND,
    PARENT_LEVEL,
    TERRITORY_LEVELS,
    AuspicesAct,
    Network,
    Recommendation,
    RegionalTask,
    TeamMember,
    TechnicalAssistance,
)
from ksr.networks.services import NETWORK_FIELDS
from ksr.registry.models import Organisation, Person
from ksr.territory.forms import UnitChoiceField


def offer_next_states(form: forms.ModelForm, machine: StateMachine) -> None:
    """An edit form offers the current status and the ones the machine allows next; a new object
    starts in the model's default status (no field)."""
    if not form.instance.pk:
        form.fields.pop(machine.field)
        return
    current = machine.state_of(form.instance)
    allowed = {current, *machine.targets(current)}
    field = cast(forms.ChoiceField, form.fields[machine.field])
    field.choices = [(value, label) for value, label in machine.choices.choices if value in allowed]


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        seat = getattr(obj, "seat", None)
        return f"{obj.name} ({seat})" if seat else str(obj.name)


class NetworkForm(forms.ModelForm):
    """Create (for a given level) or edit a network; both LSR variants on one form."""

    class Meta:
        model = Network
        fields = [name for name in NETWORK_FIELDS if name != "level"]  # the level is chosen before
        widgets = {
            "creation_variant": forms.RadioSelect,
            "creation_act_date": DateInput(),
            "established_on": DateInput(),
            "civic_leaders": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "name": _("E.g. “Lokalna Sieć na rzecz Reintegracji w Dąbrówce”."),
            "creation_variant": _(
                "Administrative: created by a decision of the wójt/mayor/city president or a council resolution. "
                "Civic: started bottom-up by local leaders."
            ),
            "creation_act_kind": _("Administrative variant only."),
            "creation_act_number": _("Administrative variant only, e.g. “Zarządzenie nr 12/2026”."),
            "creation_act_date": _("Administrative variant only."),
            "civic_leaders": _("Civic variant only: who started the network and how."),
            "established_on": _("The day the network started working; members join from this day."),
            "is_active": _("Untick when the network no longer works (its history is kept)."),
        }

    def __init__(self, *args: Any, user: AnyUser, level: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.level = level
        if not self.instance.pk:
            self.instance.level = level
        levels = TERRITORY_LEVELS[NetworkLevel(level)]
        if levels:
            self.fields["territory"] = UnitChoiceField(
                levels=levels,
                label=_("Territory"),
                help_text=_("The gmina or powiat of the LSR.")
                if level == NetworkLevel.LOCAL
                else _("The voivodeship of the RSR."),
                initial=self.instance.territory if self.instance.pk else None,
            )
        else:
            self.fields.pop("territory")
        main_node = OrganisationChoiceField(
            queryset=Organisation.objects.visible_to(user)
            .filter(kind=MAIN_NODE_KIND[NetworkLevel(level)])
            .select_related("seat")
            .order_by(polish("name")),
            label=_("Main node"),
            help_text={
                NetworkLevel.LOCAL: _("The KIS that leads the LSR."),
                NetworkLevel.REGIONAL: _("The ROWR, hosted by the ROPS."),
                NetworkLevel.NATIONAL: _("The KOWR, hosted by a ministry department or a ROPS."),
            }[NetworkLevel(level)],
        )
        self.fields["main_node"] = main_node
        parent_level = PARENT_LEVEL.get(NetworkLevel(level))
        if parent_level:
            parent = cast(forms.ModelChoiceField, self.fields["parent"])
            parent.queryset = Network.objects.filter(level=parent_level, is_active=True).order_by(polish("name"))
            parent.help_text = (
                _("The RSR of the LSR's voivodeship.") if level == NetworkLevel.LOCAL else _("The national network.")
            )
        else:
            self.fields.pop("parent")
        if level != NetworkLevel.LOCAL:
            for name in ("creation_variant", "creation_act_kind", "creation_act_number", "creation_act_date"):
                self.fields.pop(name)
            self.fields.pop("civic_leaders")
        else:
            self.fields["creation_variant"].required = True
            cast(forms.ChoiceField, self.fields["creation_variant"]).choices = CreationVariant.choices
        if not self.instance.pk:
            self.fields.pop("is_active")

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if not self.instance.pk:
            data["level"] = self.level
        return data


class MemberForm(forms.Form):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("organisation"),
        help_text=_("The stakeholder type (A, B or C) and the sectors come from the registry."),
    )
    member_network = forms.ModelChoiceField(
        queryset=Network.objects.none(),
        required=False,
        label=_("member network"),
        help_text=_("For a regional or the national network: an LSR or RSR that joins (instead of an organisation)."),
    )
    joined_on = forms.DateField(label=_("joined on"), widget=DateInput(), help_text=_("Members can join at any time."))
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args: Any, network: Network, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = network.memberships.current().values("organisation_id")
        org_field = cast(forms.ModelChoiceField, self.fields["organisation"])
        org_field.queryset = (
            Organisation.objects.visible_to(user)
            .exclude(pk__in=current)
            .select_related("seat")
            .order_by(polish("name"))
        )
        child_level = {NetworkLevel.REGIONAL: NetworkLevel.LOCAL, NetworkLevel.NATIONAL: NetworkLevel.REGIONAL}
        net_field = cast(forms.ModelChoiceField, self.fields["member_network"])
        if network.level in child_level:
            candidates = Network.objects.filter(level=child_level[NetworkLevel(network.level)], is_active=True)
            if network.level == NetworkLevel.REGIONAL:
                candidates = candidates.filter(territory__code__startswith=network.voivodeship_code)
            in_network = network.memberships.current().exclude(member_network=None).values("member_network_id")
            net_field.queryset = candidates.exclude(pk__in=in_network).order_by(polish("name"))
        else:
            self.fields.pop("member_network")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("organisation") and not data.get("member_network"):
            raise forms.ValidationError(_("Choose the organisation (or the network) that joins."))
        if data.get("organisation") and data.get("member_network"):
            raise forms.ValidationError(_("Choose either an organisation or a network, not both."))
        return data


class EndMembershipForm(forms.Form):
    left_on = forms.DateField(
        label=_("left on"), widget=DateInput(), help_text=_("The membership stays in the history with this date.")
    )


class AuspicesForm(forms.ModelForm):
    class Meta:
        model = AuspicesAct
        fields = ["kind", "number", "date", "document_note"]
        widgets = {"date": DateInput()}
        help_texts = {"number": _("Required for a decision or a resolution.")}


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["person", "team_role", "competences", "since"]
        widgets = {"since": DateInput(), "competences": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"person": _("People of the main node and of its host institution (registry).")}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hosts = [network.main_node_id, network.main_node.parent_id]
        person = cast(forms.ModelChoiceField, self.fields["person"])
        person.queryset = (
            Person.objects.filter(organisation_id__in=[h for h in hosts if h])
            .exclude(network_teams__network=network)
            .select_related("organisation")
            .order_by(polish("last_name"), polish("first_name"))
        )


class AssistanceEntryForm(forms.ModelForm):
    class Meta:
        model = TechnicalAssistance
        fields = ["lsr", "provided_on", "form", "subject", "outcome", "outcome_note"]
        widgets = {"provided_on": DateInput(), "outcome_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lsr = cast(forms.ModelChoiceField, self.fields["lsr"])
        lsr.queryset = Network.objects.filter(
            level=NetworkLevel.LOCAL, territory__code__startswith=network.voivodeship_code
        ).order_by(polish("name"))


class RegionalTaskForm(forms.ModelForm):
    class Meta:
        model = RegionalTask
        fields = ["task_type", "title", "owner", "due_on", "status", "outcome"]
        widgets = {"due_on": DateInput(), "outcome": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "task_type": _("One of the six tasks of the Regional Cooperation Platform."),
            "outcome": _("Required when the task is done."),
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = cast(forms.ModelChoiceField, self.fields["owner"])
        owner.queryset = Person.objects.filter(network_teams__network=network).order_by(polish("last_name"))
        owner.help_text = _("A member of the ROWR team.")
        offer_next_states(self, TASK_MACHINE)


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["title", "evidence", "source_lsrs", "status"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 4}), "source_lsrs": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = cast(forms.ModelMultipleChoiceField, self.fields["source_lsrs"])
        sources.queryset = Network.objects.visible_to(user).filter(level=NetworkLevel.LOCAL).order_by(polish("name"))
        sources.required = False
        offer_next_states(self, RECOMMENDATION_MACHINE)
