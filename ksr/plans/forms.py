"""Forms of the plans pages; they parse input, the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.cases.forms import limit_choices
from ksr.cases.models import Case
from ksr.core.widgets import DateInput
from ksr.plans.choices import (
    ContractKind,
    ContractStatus,
    OutcomeMeasure,
    PotentialArea,
    PotentialDimension,
    PotentialItemKind,
    PotentialLevel,
    Score,
)
from ksr.plans.models import (
    DETAILED_FIELDS,
    GENERAL_FIELDS,
    ActionPlan,
    ContractReview,
    ContractVersion,
    OutcomeEvent,
    PlanGoal,
    SanctionDecision,
    ServiceCardEntry,
    allowed_contract_kinds,
)
from ksr.registry.choices import NEW_PROFILE_SECTORS
from ksr.registry.models import Sector

DATE = DateInput()
TEXT = forms.Textarea(attrs={"rows": 3})


class ContractForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), help_text=_("Chosen by who referred the participant and by the holder."))
    content = forms.CharField(
        label=_("Agreed goals, actions and obligations"),
        widget=TEXT,
        help_text=_("Written together with the participant; adapted to their capabilities."),
    )
    participant_words = forms.CharField(
        label=_("In the participant's own words"),
        widget=TEXT,
        required=False,
        help_text=_("What the participant wants to achieve and commits to, as they said it."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE, initial=timezone.localdate)
    review_interval_days = forms.IntegerField(
        label=_("Review interval (days)"),
        min_value=7,
        max_value=365,
        initial=90,
        help_text=_("The contract's entries are verified systematically, at this interval."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = allowed_contract_kinds(case.organisation.kind)
        kind_field: Any = self.fields["kind"]
        kind_field.choices = [(k.value, k.label) for k in ContractKind if k in kinds]


class AmendForm(forms.ModelForm):
    class Meta:
        model = ContractVersion
        fields = ["content", "participant_words", "change_reason", "valid_from"]
        widgets = {"content": TEXT, "participant_words": TEXT, "change_reason": TEXT, "valid_from": DATE}
        help_texts = {"change_reason": _("For example: the contract was not kept and is adapted instead of ended.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["change_reason"].required = True


class SignForm(forms.Form):
    participant_signed_on = forms.DateField(label=_("Signed by the participant on"), widget=DATE, required=False)
    worker_signed_on = forms.DateField(
        label=_("Signed by you on"), widget=DATE, required=False, help_text=_("You sign as the worker.")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("participant_signed_on") and not data.get("worker_signed_on"):
            raise forms.ValidationError(_("Give at least one signing date."))
        return {k: v for k, v in data.items() if v}


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ContractReview
        fields = ["reviewed_on", "outcome", "note"]
        widgets = {"reviewed_on": DATE, "note": TEXT}


class SanctionForm(forms.ModelForm):
    class Meta:
        model = SanctionDecision
        fields = ["decision", "reason", "decided_on"]
        widgets = {"decided_on": DATE, "reason": TEXT}
        help_texts = {"decision": _("Amending the contract is often better than excluding the participant.")}


class ContractStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s.value, s.label) for s in (ContractStatus.COMPLETED, ContractStatus.CANCELLED)],
    )


def new_profile_sectors() -> Any:
    return Sector.objects.filter(code__in=NEW_PROFILE_SECTORS)


class ActionPlanForm(forms.ModelForm):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors of the new service profile covered"),
        queryset=Sector.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Education, culture, health, sport and recreation: the plan's intended coverage."),
    )

    class Meta:
        model = ActionPlan
        fields = ["diagnosis_summary", "participant_words", "sectors"]
        widgets = {"diagnosis_summary": TEXT, "participant_words": TEXT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "sectors", new_profile_sectors())


class PlanGoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["goal", "actions", "sector", "start_on", "due_on"]
        widgets = {"actions": TEXT, "start_on": DATE, "due_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "sector", new_profile_sectors())


class PotentialAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(label=_("Summary"), widget=TEXT, required=False)


class PotentialItemForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Category of factors"), choices=[("", "—"), *PotentialDimension.choices], required=False
    )
    area = forms.ChoiceField(label=_("Area"), choices=[("", "—"), *PotentialArea.choices], required=False)
    kind = forms.ChoiceField(
        label=_("Deficit or resource"), choices=[("", "—"), *PotentialItemKind.choices], required=False
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=[("", "—"), *PotentialLevel.choices], coerce=int, required=False, empty_value=None
    )
    note = forms.CharField(label=_("Note"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = [data.get(k) for k in ("dimension", "area", "kind", "level")]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Fill in the category, area, kind and level of the item, or leave it empty."))
        return data


PotentialItemFormSet = forms.formset_factory(PotentialItemForm, extra=6)


class CardEntryForm(forms.ModelForm):
    class Meta:
        model = ServiceCardEntry
        fields = [
            "part",
            "entered_on",
            *GENERAL_FIELDS,
            *DETAILED_FIELDS,
            "participant_signed",
            "participant_signed_on",
            "corrects",
            "correction_reason",
        ]
        widgets = {
            "entered_on": DATE,
            "participation_ended_on": DATE,
            "participant_signed_on": DATE,
            "corrects": forms.HiddenInput,
            **{
                name: TEXT
                for name in (*GENERAL_FIELDS, *DETAILED_FIELDS)
                if name
                not in {
                    "referred_by",
                    "referred_by_detail",
                    "participation_ended_on",
                    "months_without_work",
                    "education",
                    "marital_status",
                    "income_source",
                }
            },
            "correction_reason": TEXT,
        }

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "corrects", ServiceCardEntry.objects.filter(case=case))
        self.fields["entered_on"].initial = timezone.localdate

    def general_fields(self) -> list[Any]:
        return [self[name] for name in GENERAL_FIELDS if name in self.fields]

    def detailed_fields(self) -> list[Any]:
        return [self[name] for name in DETAILED_FIELDS if name in self.fields]

    def _post_clean(self) -> None:
        # The service validates the whole entry (full_clean); the form only parses it.
        pass


class OutcomeAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE, initial=timezone.localdate)
    comment = forms.CharField(label=_("Comment"), widget=TEXT, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for measure in OutcomeMeasure:
            self.fields[f"score_{measure.value}"] = forms.TypedChoiceField(
                label=measure.label,
                choices=[("", "—"), *Score.choices],
                coerce=int,
                help_text=_("1 – serious difficulties … 5 – managing fully"),
            )
            self.fields[f"comment_{measure.value}"] = forms.CharField(
                label=_("Comment on “%(measure)s”") % {"measure": measure.label}, required=False, max_length=500
            )

    def measure_rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"score_{m.value}"], self[f"comment_{m.value}"]) for m in OutcomeMeasure]

    def service_data(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        d = self.cleaned_data
        scores = [
            {"measure": m.value, "score": d[f"score_{m.value}"], "comment": d.get(f"comment_{m.value}", "")}
            for m in OutcomeMeasure
        ]
        return {"assessed_on": d["assessed_on"], "comment": d.get("comment", "")}, scores


class OutcomeEventForm(forms.ModelForm):
    class Meta:
        model = OutcomeEvent
        fields = ["kind", "occurred_on", "note"]
        widgets = {"occurred_on": DATE, "note": TEXT}
