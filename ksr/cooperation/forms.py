"""Forms of the forum and the assessment card; they only parse — the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ksr.cooperation.choices import SCORE_CHOICES, ActionStatus, Condition
from ksr.cooperation.models import (
    ActionItem,
    CooperationAssessment,
    Decision,
    Forum,
    ImprovementAction,
    Meeting,
    Representative,
    TaskGroup,
)
from ksr.cooperation.services import HELD_FIELDS
from ksr.core.collation import polish
from ksr.core.widgets import DateInput
from ksr.registry.models import Organisation, Person


def _f(form: forms.BaseForm, name: str) -> Any:
    """A form field, typed loosely to set its queryset."""
    return form.fields[name]


DATE = DateInput()


def member_organisations(network: Any) -> Any:
    return (
        Organisation.objects.filter(
            Q(network_memberships__network=network, network_memberships__left_on__isnull=True)
            | Q(pk=network.main_node_id)
        )
        .distinct()
        .order_by(polish("name"))
    )


class TaskGroupForm(forms.ModelForm):
    class Meta:
        model = TaskGroup
        fields = ["name", "topic"]


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["organisation", "role", "person", "name", "email", "since", "task_groups"]
        widgets = {"since": DATE, "task_groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = member_organisations(forum.network)
        _f(self, "organisation").queryset = members
        _f(self, "person").queryset = Person.objects.filter(organisation__in=members).select_related("organisation")
        _f(self, "person").label_from_instance = lambda p: f"{p} — {p.organisation}"
        _f(self, "task_groups").queryset = forum.task_groups.filter(is_active=True)
        self.fields["task_groups"].help_text = _("The task composition: working groups this person takes part in.")


class MeetingForm(forms.ModelForm):
    agenda = forms.CharField(
        label=_("agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One agenda item per line. At a strategic meeting the case managers' report is always on it."),
    )

    class Meta:
        model = Meeting
        fields = ["kind", "task_group", "title", "planned_on", "place"]
        widgets = {"planned_on": DATE}

    def __init__(self, *args: Any, forum: Forum, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _f(self, "task_group").queryset = forum.task_groups.all()
        if self.instance.pk:
            del self.fields["agenda"]

    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("agenda", "").splitlines() if line.strip()]


class HeldForm(forms.ModelForm):
    representatives = forms.ModelMultipleChoiceField(
        label=_("representatives present"),
        queryset=Representative.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("other member organisations present"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Organisations that sent someone other than their representatives."),
    )

    class Meta:
        model = Meeting
        fields = list(HELD_FIELDS)
        widgets = {"held_on": DATE}
        help_texts = {
            "participants_active": _("Aggregate number from the case managers' report; no names."),
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        _f(self, "representatives").queryset = meeting.forum.representatives.filter(until__isnull=True).select_related(
            "organisation", "person"
        )
        _f(self, "organisations").queryset = member_organisations(meeting.forum.network)


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "method", "votes_for", "votes_against", "votes_abstain"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "method": forms.RadioSelect}
        help_texts = {"votes_for": _("Only when the decision was put to a vote.")}


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, network: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _f(self, "owner").queryset = member_organisations(network)


class ImprovementActionForm(ActionItemForm):
    class Meta:
        model = ImprovementAction
        fields = ["title", "condition", "owner", "due_on"]
        widgets = {"due_on": DATE}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=ActionStatus.choices)


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = CooperationAssessment
        fields = [
            "organisation",
            "year",
            "half",
            "filled_on",
            *[name for c in Condition for name in (f"score_{c.value}", f"comment_{c.value}")],
            "conclusions",
        ]
        widgets = {"filled_on": DATE, "conclusions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _f(self, "organisation").queryset = organisations
        self.fields["organisation"].help_text = _("The partner institution you fill the card for.")
        for c in Condition:
            score = self.fields[f"score_{c.value}"]
            score.widget = forms.RadioSelect(choices=SCORE_CHOICES)
            score.help_text = _("1 — very poor, 5 — very good.")
            self.fields[f"comment_{c.value}"].widget = forms.Textarea(attrs={"rows": 2})
            self.fields[f"comment_{c.value}"].label = _("Comment: %(condition)s") % {"condition": c.label}
        self.fields["conclusions"].help_text = _("What should change to improve the cooperation.")
