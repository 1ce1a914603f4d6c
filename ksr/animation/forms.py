"""Forms of the animation pages; their choices are limited to what the user may edit."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.accounts.scope import scope_for
from ksr.animation.choices import ADVISED_KINDS, EventKind, ExamResult, ScenarioCode
from ksr.animation.models import Animator, ZrarTeam
from ksr.animation.querysets import edit_prefixes
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

DATE = forms.DateInput(attrs={"type": "date"})


def _units(user: AnyUser, level: str) -> QuerySet[TerritorialUnit]:
    qs = TerritorialUnit.objects.current().filter(level=level).order_by("code")
    prefixes = edit_prefixes(user)
    if prefixes is None:
        return qs
    return qs.filter(scope_for(None).territory_q("code", prefixes))


def _organisations(user: AnyUser, **filters: Any) -> QuerySet[Organisation]:
    qs = Organisation.objects.visible_to(user).filter(is_active=True, **filters).select_related("seat")
    prefixes = edit_prefixes(user)
    if prefixes is not None:
        qs = qs.filter(scope_for(None).territory_q("seat__code", prefixes))
    return qs.order_by("name")


def limit(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit the choices of the model choice field ``name`` to ``queryset``."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class _UserForm(forms.Form):
    """A form whose choices are limited to what ``user`` may edit."""

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class TeamForm(_UserForm):
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. ZRAR Mazowsze."))
    region = forms.ModelChoiceField(label=_("Voivodeship"), queryset=TerritorialUnit.objects.none())
    host = forms.ModelChoiceField(
        label=_("Host ROPS"), queryset=Organisation.objects.none(), help_text=_("The ROPS of the voivodeship.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "region", _units(self.user, UnitLevel.VOIVODESHIP))
        limit(self, "host", _organisations(self.user, kind=OrganisationKind.ROPS))


class AnimatorForm(_UserForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    home_institution = forms.ModelChoiceField(
        label=_("Home institution"),
        queryset=Organisation.objects.none(),
        help_text=_("Its kind decides the animator's origin (sector) in the ZRAR team."),
    )
    region = forms.ModelChoiceField(label=_("Voivodeship"), queryset=TerritorialUnit.objects.none())
    team = forms.ModelChoiceField(
        label=_("ZRAR team"), queryset=ZrarTeam.objects.none(), required=False, help_text=_("Optional.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "home_institution", _organisations(self.user))
        limit(self, "region", _units(self.user, UnitLevel.VOIVODESHIP))
        limit(self, "team", ZrarTeam.objects.editable_by(self.user).select_related("region"))


class TeamMemberForm(forms.Form):
    animator = forms.ModelChoiceField(
        label=_("Animator"), queryset=Animator.objects.none(), help_text=_("Animators of the team's voivodeship.")
    )

    def __init__(self, *args: Any, team: ZrarTeam, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "animator", Animator.objects.editable_by(user).filter(region=team.region).exclude(team=team))


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Module"), max_length=200, help_text=_("Module of the OSAR education cycle."))
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)


class ExaminationForm(forms.Form):
    taken_on = forms.DateField(label=_("Date"), widget=DATE)
    result = forms.ChoiceField(label=_("Result"), choices=ExamResult.choices)
    score = forms.DecimalField(
        label=_("Score (%)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text=_("From 0 to 100."),
    )


class ScenarioChoiceForm(_UserForm):
    scenario = forms.ChoiceField(
        label=_("Scenario"),
        choices=ScenarioCode.choices,
        help_text=_("Confirm the proposed scenario or choose another one and give the reason."),
    )
    change_reason = forms.CharField(
        label=_("Reason for changing the proposal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the chosen scenario differs from the proposed one."),
    )
    animator = forms.ModelChoiceField(
        label=_("Animator"), queryset=Animator.objects.none(), required=False, help_text=_("Optional.")
    )
    baseline_survey = forms.CharField(
        label=_("Baseline survey"),
        max_length=100,
        required=False,
        help_text=_("Number (id) of the survey measuring attitudes before the animation."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow-up survey date"),
        widget=DATE,
        required=False,
        help_text=_("When the same institutions are surveyed again to measure the change of attitude."),
    )
    follow_up_survey = forms.CharField(
        label=_("Follow-up survey"),
        max_length=100,
        required=False,
        help_text=_("Number (id) of the survey of the same institutions after the animation."),
    )

    def __init__(self, *args: Any, gmina: TerritorialUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        animators = Animator.objects.editable_by(self.user).filter(region__code=gmina.code[:2])
        limit(self, "animator", animators)


class EventForm(_UserForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    gmina = forms.ModelChoiceField(label=_("Gmina"), queryset=TerritorialUnit.objects.none())
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title or topic"), max_length=300)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One item a line: lectures and workshops of a seminar."),
    )
    invited = forms.ModelMultipleChoiceField(
        label=_("Invited institutions"), queryset=Organisation.objects.none(), required=False
    )
    present = forms.ModelMultipleChoiceField(
        label=_("Institutions present"), queryset=Organisation.objects.none(), required=False
    )
    animator = forms.ModelChoiceField(label=_("Animator"), queryset=Animator.objects.none(), required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "gmina", _units(self.user, UnitLevel.GMINA))
        orgs = _organisations(self.user)
        limit(self, "invited", orgs)
        limit(self, "present", orgs)
        limit(self, "animator", Animator.objects.editable_by(self.user))


class AdviceVisitForm(_UserForm):
    entity = forms.ModelChoiceField(
        label=_("Entity"), queryset=Organisation.objects.none(), help_text=_("An operating KIS or CIS.")
    )
    visited_on = forms.DateField(label=_("Date"), widget=DATE)
    animator = forms.ModelChoiceField(label=_("Animator"), queryset=Animator.objects.none())
    topics = forms.CharField(label=_("Topics"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    adopted_new_profile = forms.BooleanField(
        label=_("Adopted the new service profile"),
        required=False,
        help_text=_("The entity adopted the new (sectoral) service profile; give the date and the evidence."),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE, required=False)
    adoption_evidence = forms.CharField(
        label=_("Evidence of adoption"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "entity", _organisations(self.user, kind__in=ADVISED_KINDS))
        limit(self, "animator", Animator.objects.editable_by(self.user))
