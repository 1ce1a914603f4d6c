from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registry.models import Organisation
from ksr.surveys import questionnaire as Q
from ksr.surveys.choices import INTERVIEW_PART_LABELS, INTERVIEW_PARTS, InterviewKind
from ksr.surveys.models import Survey
from ksr.surveys.querysets import within, write_prefixes
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


class GminaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TerritorialUnit) -> str:
        return obj.label_with_powiat


class SurveyForm(forms.Form):
    gmina = GminaChoiceField(
        label=_("Gmina"),
        queryset=TerritorialUnit.objects.none(),
        help_text=_("The gmina whose institutions are surveyed."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("For example: Readiness survey, spring 2026.")
    )
    starts_on = forms.DateField(
        label=_("Window opens on"), widget=DateInput, help_text=_("First day answers are accepted.")
    )
    ends_on = forms.DateField(
        label=_("Window closes on"),
        widget=DateInput,
        help_text=_("Last day answers are accepted (Sektorowe usługi, zeszyt 2 recommends one week)."),
    )
    repeat_of: forms.ModelChoiceField[Survey] = forms.ModelChoiceField(
        label=_("Repeats survey"),
        queryset=Survey.objects.none(),
        required=False,
        help_text=_("Choose the earlier survey of the same gmina to measure the change in attitudes."),
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gminas = (
            TerritorialUnit.objects.filter(level=UnitLevel.GMINA, retired_on__isnull=True)
            .select_related("parent")
            .order_by(polish("name"), "code")
        )
        cast(GminaChoiceField, self.fields["gmina"]).queryset = within(gminas, write_prefixes(user), "code")
        repeat_of = cast(forms.ModelChoiceField, self.fields["repeat_of"])
        repeat_of.queryset = Survey.objects.editable_by(user).select_related("gmina")


def _yes_no(required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="", choices=[(Q.YES, _("YES")), (Q.NO, _("NO"))], widget=forms.RadioSelect, required=required
    )


class QuestionnaireForm(forms.Form):
    """The questionnaire as a flat form, built from ``questionnaire.QUESTIONS``.

    Q3/Q4 are not required here (the service requires them only when Q2 = YES and drops them
    when Q2 = NO).
    """

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pl = Q._lang(lang) == "pl"
        self.sections: list[dict[str, Any]] = []
        for question in Q.QUESTIONS:
            names: list[str] = []
            for part in question.parts:
                label = part.pl if pl else part.en
                if part.kind == "choice":
                    name = Q.field_name(question, part)
                    self.fields[name] = forms.ChoiceField(
                        label=question.text(lang),
                        choices=Q.category_choices(lang),
                        widget=forms.RadioSelect,
                    )
                    names.append(name)
                elif part.kind == "yesno":
                    name = Q.field_name(question, part)
                    self.fields[name] = _yes_no(required=f"{question.code}.answer" in Q.REQUIRED)
                    self.fields[name].label = question.text(lang)
                    names.append(name)
                elif part.kind == "list3":
                    for i in (1, 2, 3):
                        name = Q.field_name(question, part, i)
                        self.fields[name] = forms.CharField(
                            label=f"{label} {i}." if label else f"{i}.", required=False, max_length=300
                        )
                        names.append(name)
                else:
                    name = Q.field_name(question, part)
                    widget = forms.Textarea(attrs={"rows": 3}) if part.kind == "textarea" else forms.TextInput
                    self.fields[name] = forms.CharField(
                        label=label or question.text(lang), required=False, max_length=2000, widget=widget
                    )
                    names.append(name)
            self.sections.append(
                {
                    "question": question,
                    "number": question.number,
                    "code": question.code,
                    "text": question.text(lang),
                    "note": question.note_pl if pl else question.note_en,
                    "fields": [self[n] for n in names],
                    "skippable": question.code in Q.SKIPPED_WHEN_NO_PARTNERSHIP,
                    # Questions asked only through a list (6, 8, 11) have no field carrying their text.
                    "show_text": question.parts[0].kind == "list3",
                }
            )


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InterviewKind.choices, widget=forms.RadioSelect)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, help_text=_("IDI: 45–60 minutes; FGI: 1–2 hours.")
    )
    moderator = forms.CharField(label=_("Moderator"), max_length=200)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The stakeholder interviewed (required for an individual interview)."),
    )
    participants = forms.CharField(
        label=_("Participants' roles"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One line per person: role or function only (e.g. manager, substantive employee), never a name. "
            "IDI: at least 2 persons per stakeholder; FGI: 6–12 persons."
        ),
    )
    rating = forms.TypedChoiceField(
        label=_("Interviewer's readiness rating"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        help_text=_("1 = not ready to cooperate, 5 = ready to cooperate now."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["institution"]).queryset = organisations
        for key, _pl, minutes in INTERVIEW_PARTS:
            self.fields[f"notes_{key}"] = forms.CharField(
                label=f"{INTERVIEW_PART_LABELS[key]} ({minutes} min)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Notes of this part of the scenario."),
            )

    def participant_roles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["participants"].splitlines() if line.strip()]

    def notes(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"notes_{key}", "") for key, _pl, _m in INTERVIEW_PARTS}
