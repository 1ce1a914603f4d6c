"""Forms of the privacy pages; the services validate again (a form is only the first check)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.cases.choices import CLOSED_CASE_STATUSES
from ksr.cases.forms import limit_choices
from ksr.cases.models import Case, Participant
from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.privacy.choices import MINIMAL_SCOPE, ConsentForm, DataScope
from ksr.registry.models import Organisation

DATE = DateInput()


class ParticipantConsentForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("Case"), queryset=Case.objects.none(), help_text=_("The open case the consent belongs to.")
    )
    partner = forms.ModelChoiceField(
        label=_("Partner institution"),
        queryset=Organisation.objects.none(),
        help_text=_("The institution whose helpers may see the minimal data."),
    )
    service = forms.CharField(
        label=_("Service"), max_length=200, help_text=_("The service of the partner the data is shared for.")
    )
    data_scope = forms.MultipleChoiceField(
        label=_("Data shared"),
        choices=DataScope.choices,
        initial=list(MINIMAL_SCOPE),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nothing beyond this minimal set is ever shared."),
    )
    participant_consent_on = forms.DateField(
        label=_("Participant's consent given on"), widget=DATE, help_text=_("The date on the consent.")
    )
    participant_consent_form = forms.ChoiceField(
        label=_("Form of the consent"), choices=ConsentForm.choices, help_text=_("Written or electronic.")
    )
    participant_consent_document = forms.CharField(
        label=_("Consent document reference"),
        max_length=100,
        required=False,
        help_text=_("Number or location of the signed document, or the identifier of the electronic consent."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, help_text=_("First day of sharing."))
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE, help_text=_("Last day of sharing."))

    def __init__(self, *args: Any, participant: Participant, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            "case",
            Case.objects.visible_to(user).filter(participant=participant).exclude(status__in=CLOSED_CASE_STATUSES),
        )
        limit_choices(
            self,
            "partner",
            (
                Organisation.objects.visible_to(user)
                .filter(is_active=True)
                .exclude(pk=participant.organisation_id)
                .only("id", "name")
                .order_by(polish("name"))
            ),
        )
        today = timezone.localdate()
        self.fields["participant_consent_on"].initial = today
        self.fields["valid_from"].initial = today

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "case"}


class HelperConsentForm(forms.Form):
    given_on = forms.DateField(label=_("Helper's consent given on"), widget=DATE, help_text=_("Usually today."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: at the participant's request of a given date."),
    )
