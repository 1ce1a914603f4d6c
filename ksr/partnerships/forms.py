"""Forms of the partnerships pages; organisations offered are those the user may see."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.networks.choices import NetworkLevel
from ksr.partnerships.models import (
    ActionTask,
    AttitudeAssessment,
    Conclusion,
    Contribution,
    Evaluation,
    Pact,
    Partner,
    Partnership,
    SynergyTeam,
    SynergyTeamMember,
    SynergyTeamTask,
)
from ksr.partnerships.services import MAX_AGREEMENT_BYTES, TEAM_FIELDS
from ksr.registry.models import Organisation

DATE = DateInput()


def visible_organisations(user: AnyUser) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(user).filter(is_active=True).only("id", "name").order_by(polish("name"))


def current_partner_organisations(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        partnerships_as_partner__partnership=partnership, partnerships_as_partner__left_on__isnull=True
    ).order_by(polish("name"))


class PartnershipEditForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "goal", "form", "leader", "plan_from_year", "plan_to_year"]
        help_texts = {"plan_from_year": _("First year of the multi-year action plan.")}

    def __init__(self, *args: Any, network: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if network.level == NetworkLevel.LOCAL:
            del self.fields["leader"]
        else:
            cast(forms.ModelChoiceField, self.fields["leader"]).queryset = visible_organisations(user)
            self.fields["leader"].required = False
            self.fields["leader"].help_text = _("Empty: the network's main node.")


class PartnerAddForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("organisation"))

    class Meta:
        model = Partner
        fields = ["role", "role_description", "joined_on"]
        widgets = {"joined_on": DATE}

    field_order = ["organisation", "role", "role_description", "joined_on"]

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = visible_organisations(user)


class PartnerEditForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["role", "role_description", "joined_on"]
        widgets = {"joined_on": DATE}


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["kind", "description", "value"]


class AgreementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("agreement (PDF)"),
        help_text=_("A PDF file of at most %(size)d MB. Each upload becomes a new version.")
        % {"size": MAX_AGREEMENT_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    signed_on = forms.DateField(
        label=_("signed on"),
        required=False,
        widget=DATE,
        help_text=_("Fill in when this version is the signed agreement."),
    )
    note = forms.CharField(label=_("note"), required=False, max_length=300)


class TaskForm(forms.ModelForm):
    class Meta:
        model = ActionTask
        fields = ["title", "owner", "responsible_person", "year", "quarter", "starts_on", "ends_on", "status"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"year": _("A year (and optionally a quarter), or start and end dates.")}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = current_partner_organisations(partnership)

    def _post_clean(self) -> None:  # the service validates the model (and its permission)
        pass


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["held_on", "findings"]
        widgets = {"held_on": DATE}


class ConclusionForm(forms.ModelForm):
    class Meta:
        model = Conclusion
        fields = ["text", "assignee", "due_on"]
        widgets = {"due_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"assignee": _("The partner this conclusion binds.")}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["assignee"]).queryset = current_partner_organisations(partnership)


class PactForm(forms.ModelForm):
    class Meta:
        model = Pact
        fields = ["title", "original_keeper", "copies"]


class JoinPactForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("organisation"))
    representative = forms.CharField(label=_("representative"), required=False, max_length=200)
    joined_on = forms.DateField(label=_("joined on"), required=False, widget=DATE, help_text=_("Empty: today."))

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = visible_organisations(user)


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrew on"), required=False, widget=DATE, help_text=_("Empty: today."))
    reason = forms.CharField(label=_("reason for withdrawal"), required=False, max_length=300)


class TeamForm(forms.ModelForm):
    class Meta:
        model = SynergyTeam
        fields = list(TEAM_FIELDS)
        widgets = {"act_date": DATE, "chosen_on": DATE, "form_note": forms.Textarea(attrs={"rows": 3})}


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = SynergyTeamMember
        fields = ["organisation", "person_name", "function", "joined_on"]
        widgets = {"joined_on": DATE}
        help_texts = {"person_name": _("A person, on their own or delegated by the organisation.")}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = visible_organisations(user)

    def _post_clean(self) -> None:
        pass


class TeamTaskForm(forms.ModelForm):
    class Meta:
        model = SynergyTeamTask
        fields = ["kind", "description", "due_on", "status"]
        widgets = {"due_on": DATE}


class AttitudeForm(forms.ModelForm):
    class Meta:
        model = AttitudeAssessment
        fields = ["organisation", "assessed_on", "attitude", "note"]
        widgets = {"assessed_on": DATE}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = visible_organisations(user)

    def _post_clean(self) -> None:
        pass


class AttitudeDatesForm(forms.Form):
    before = forms.DateField(
        label=_("before (as of)"),
        required=False,
        widget=DATE,
        help_text=_("Empty: each organisation's first assessment."),
    )
    after = forms.DateField(
        label=_("after (as of)"),
        required=False,
        widget=DATE,
        help_text=_("Empty: each organisation's latest assessment."),
    )
