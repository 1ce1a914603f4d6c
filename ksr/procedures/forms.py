from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.accounts.scope import scope_for
from ksr.cooperation.models import Meeting
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.networks.models import Network
from ksr.partnerships.models import Partnership
from ksr.procedures.choices import LsrVariant, NeedKind, ResponseKind
from ksr.procedures.models import ProcedureCard
from ksr.procedures.variants import CRITERIA
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

DATE = DateInput()


def _choose_from(form: forms.BaseForm, **querysets: QuerySet[Any]) -> None:
    """Limit the named choice fields of ``form`` to what the user may pick."""
    for name, queryset in querysets.items():
        cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


def _gminas_and_networks(form: forms.BaseForm, user: AnyUser) -> None:
    """The gminas of the user's territory and the local networks they see."""
    _choose_from(
        form,
        gmina=TerritorialUnit.objects.filter(scope_for(user).territory_q("code"), level=UnitLevel.GMINA).order_by(
            "name"
        ),
        network=Network.objects.visible_to(user).local(),
    )


class RunForm(forms.Form):
    card = forms.ModelChoiceField(label=_("Procedure card"), queryset=ProcedureCard.objects.all())
    gmina = forms.ModelChoiceField(
        label=_("Gmina"), queryset=TerritorialUnit.objects.none(), help_text=_("The gmina where the card is run.")
    )
    network = forms.ModelChoiceField(label=_("Local network (LSR)"), queryset=Network.objects.none(), required=False)
    introducing_organisation = forms.ModelChoiceField(
        label=_("Institution introducing the procedure"), queryset=Organisation.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)
    responsible_person = forms.CharField(
        label=_("Person responsible for the procedure"),
        required=False,
        max_length=200,
        help_text=_("Name and function in the institution."),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _gminas_and_networks(self, user)
        _choose_from(self, introducing_organisation=Organisation.objects.visible_to(user))


class CompleteTaskForm(forms.Form):
    summary = forms.CharField(
        label=_("What was produced"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Describe the result.")
    )
    completed_on = forms.DateField(label=_("Completed on"), required=False, widget=DATE)
    product_date = forms.DateField(
        label=_("Date (sent, held, formed)"), required=False, widget=DATE, help_text=_("When it happened.")
    )
    recipients = forms.ModelMultipleChoiceField(
        label=_("Sent to / consulted with"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The institutions that received the letter, information or draft."),
    )
    person = forms.CharField(label=_("Person appointed or designated"), required=False, max_length=200)
    dates = forms.CharField(
        label=_("Dates set"), required=False, max_length=300, help_text=_("For example the monitoring dates.")
    )
    linked_network = forms.ModelChoiceField(label=_("Linked network"), queryset=Network.objects.none(), required=False)
    linked_partnership = forms.ModelChoiceField(
        label=_("Linked partnership"), queryset=Partnership.objects.none(), required=False
    )
    linked_meeting = forms.ModelChoiceField(
        label=_("Linked forum meeting"), queryset=Meeting.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(
            self,
            recipients=Organisation.objects.visible_to(user),
            linked_network=Network.objects.visible_to(user),
            linked_partnership=Partnership.objects.visible_to(user),
            linked_meeting=Meeting.objects.visible_to(user),
        )


class CancelTaskForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 2}))


class NeedRequestForm(forms.Form):
    requester = forms.ModelChoiceField(label=_("Requesting KIS"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind of need"), choices=NeedKind.choices)
    description = forms.CharField(label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 3}))
    needed_by = forms.DateField(label=_("Needed by"), widget=DATE)
    answer_by = forms.DateField(
        label=_("Answer expected by"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty for two weeks from today."),
    )
    addressees = forms.ModelMultipleChoiceField(
        label=_("Addressed to"),
        queryset=Organisation.objects.none(),
        help_text=_("The partner institutions asked for the resource."),
    )
    network = forms.ModelChoiceField(label=_("Local network (LSR)"), queryset=Network.objects.none(), required=False)

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.visible_to(user)
        _choose_from(
            self,
            requester=orgs.filter(kind=OrganisationKind.KIS),
            addressees=orgs,
            network=Network.objects.visible_to(user).local(),
        )


class AnswerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Answering for"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Answer"), choices=ResponseKind.choices, widget=forms.RadioSelect)
    offer = forms.CharField(label=_("What is offered"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DATE)
    available_to = forms.DateField(label=_("Available to"), required=False, widget=DATE)
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when declining: say promptly why the resource cannot be shared."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose_from(self, organisation=organisations)


class VariantForm(forms.Form):
    gmina = forms.ModelChoiceField(label=_("Gmina"), queryset=TerritorialUnit.objects.none())
    network = forms.ModelChoiceField(label=_("Local network (LSR)"), queryset=Network.objects.none(), required=False)
    variant = forms.ChoiceField(
        label=_("Chosen variant"),
        choices=[("", _("— as proposed by the criteria —")), *LsrVariant.choices],
        required=False,
        help_text=_("Leave as proposed, or override with a reason."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the choice differs from the proposal."),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _gminas_and_networks(self, user)
        for name, wording, english, _variant in CRITERIA:
            self.fields[name] = forms.BooleanField(label=wording, required=False, help_text=english)
