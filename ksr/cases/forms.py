"""Forms of the participants app. They validate input; the services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ksr.accounts.models import User
from ksr.accounts.scope import scope_for
from ksr.cases.choices import ExitReason, RefusalReason
from ksr.cases.models import EligibilityCategory, FollowUp, Participant, ParticipantEligibility, Referral, clean_pesel
from ksr.cases.querysets import SENDER_ROLES, case_manager_candidates
from ksr.cases.services import ELIGIBILITY_FIELDS, PARTICIPANT_FIELDS, REFERRAL_FIELDS
from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.forms import UnitChoiceField

DATE = DateInput()
TEAM_HELP = _("Members of the joint OPS–KIS team: one per line, with their function and institution.")


class ParticipantForm(forms.ModelForm):
    residence_gmina = UnitChoiceField(
        levels=(UnitLevel.GMINA,),
        required=False,
        label=_("gmina of residence or stay"),
        help_text=_("Determines the OPS responsible for the person; a name or a TERYT code."),
    )

    class Meta:
        model = Participant
        fields = [*PARTICIPANT_FIELDS[:4], "birth_date", "sex", *PARTICIPANT_FIELDS[4:]]
        widgets = {
            "birth_date": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in (
                    "household_composition",
                    "care_duties",
                    "qualifications",
                    "material_situation",
                    "socio_economic_conditions",
                    "health_conditions",
                    "addiction_notes",
                )
            },
        }
        help_texts = {
            "pesel": _("11 digits. The birth date and sex are taken from it."),
            "no_pesel_reason": _("Only when the person has no PESEL number, e.g. a foreigner."),
            "birth_date": _("Only when there is no PESEL."),
            "sex": _("Only when there is no PESEL."),
            "postal_code": _("In the form 00-950."),
            "household_composition": _("Who lives with the person (from the recruitment questionnaire)."),
            "care_duties": _("Care for children, older persons or persons with disabilities that limits taking part."),
            "months_without_work": _("Months since the last job."),
            "pup_profile": _("Profile III: persons in deep deprivation, the KIS target group."),
            "health_conditions": _("Special category of personal data: only what the support requires."),
            "addiction_notes": _("Special category of personal data: only what the support requires."),
            "disability_degree": _("Special category of personal data."),
        }

    def clean_pesel(self) -> str:
        value = self.cleaned_data.get("pesel", "")
        return clean_pesel(value) if value else ""

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if data.get("pesel"):
            data.pop("birth_date", None)
            data.pop("sex", None)
        return data


class EligibilityForm(forms.ModelForm):
    class Meta:
        model = ParticipantEligibility
        fields = list(ELIGIBILITY_FIELDS)
        widgets = {"evidence_date": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"category": _("The target group of the social employment act or profile III.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "category", EligibilityCategory.objects.filter(is_active=True))


class _CaseManagerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.username)


def limit_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Narrow the choices of the model choice field ``name`` to ``queryset``."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


class CaseManagerForm(forms.Form):
    case_manager = _CaseManagerField(queryset=User.objects.none(), label=_("case manager"), required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "case_manager", case_manager_candidates(organisation_id))


class ReferralForm(forms.ModelForm):
    """Send or register a referral: the minimal data to identify the person."""

    class Meta:
        model = Referral
        fields = list(REFERRAL_FIELDS)
        widgets = {"sent_on": DATE, "birth_date": DATE, "justification": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "organisation": _("The KIS or CIS the person is referred to."),
            "sender_organisation": _("Empty when the person came on their own."),
            "pesel": _("Optional; 11 digits."),
            "contact": _("Phone or address where the person can be reached."),
            "justification": _("Why the person needs the support of the KIS/CIS."),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        limit_choices(
            self,
            "organisation",
            Organisation.objects.filter(kind__in=(OrganisationKind.KIS, OrganisationKind.CIS), is_active=True).order_by(
                "name"
            ),
        )
        own = scope.organisations_for(*SENDER_ROLES)
        limit_choices(self, "sender_organisation", Organisation.objects.filter(pk__in=own).order_by(polish("name")))
        self.fields["sender_organisation"].required = False
        self.fields["sent_on"].initial = timezone.localdate()

    def clean_pesel(self) -> str:
        value = self.cleaned_data.get("pesel", "")
        return clean_pesel(value) if value else ""


class StartReviewForm(forms.Form):
    qualification_team = forms.CharField(
        label=_("qualification team"), widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=TEAM_HELP
    )


class AcceptReferralForm(CaseManagerForm):
    qualification_team = forms.CharField(
        label=_("qualification team"), widget=forms.Textarea(attrs={"rows": 3}), help_text=TEAM_HELP
    )


class RefuseReferralForm(forms.Form):
    reason = forms.ChoiceField(label=_("reason for refusal"), choices=RefusalReason.choices)
    note = forms.CharField(
        label=_("explanation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown to the sender together with the reason; required for “Other reason”."),
    )
    qualification_team = forms.CharField(
        label=_("qualification team"), widget=forms.Textarea(attrs={"rows": 3}), help_text=TEAM_HELP
    )


class OpsAgreementForm(forms.Form):
    ops_agreement_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.OPS).order_by(polish("name")),
        label=_("OPS of the place of residence or stay"),
    )
    ops_agreement_date = forms.DateField(label=_("date of the OPS head's agreement"), widget=DATE)
    ops_agreement_reference = forms.CharField(
        label=_("reference of the agreement"), max_length=100, required=False, help_text=_("E.g. the letter's number.")
    )


class AdmissionForm(forms.Form):
    admitted_on = forms.DateField(label=_("admitted on"), widget=DATE, initial=timezone.localdate)


class ExitForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("exit reason"), choices=[c for c in ExitReason.choices if c[0] != ExitReason.TRANSFER_CIS]
    )
    exited_on = forms.DateField(label=_("exited on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TransferForm(forms.Form):
    cis = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.CIS, is_active=True).order_by(polish("name")),
        label=_("social integration centre (CIS)"),
    )
    exited_on = forms.DateField(label=_("exited on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("justification for the CIS"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class AdmissionCorrectionForm(forms.Form):
    admitted_on = forms.DateField(label=_("correct admission date"), widget=DATE)
    reason = forms.CharField(
        label=_("reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. a typing error; the correction and its reason stay on record."),
    )


class GraduateForm(forms.Form):
    graduated_at = forms.DateField(label=_("graduated on"), widget=DATE, initial=timezone.localdate)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["done_on", "outcome", "findings"]
        widgets = {"done_on": DATE, "findings": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"findings": _("What was found about the person's situation half a year after the exit.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        if self.instance.due_on:
            first, last = self.instance.recording_window()
            self.fields["done_on"].help_text = _(
                "Due on %(due)s, six months after the exit; it can be recorded from %(first)s to %(last)s, "
                "and not after today."
            ) % {
                "due": date_format(self.instance.due_on, "SHORT_DATE_FORMAT"),
                "first": date_format(first, "SHORT_DATE_FORMAT"),
                "last": date_format(last, "SHORT_DATE_FORMAT"),
            }
        self.fields["outcome"].required = True
