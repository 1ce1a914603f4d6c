"""Forms of the animation pages; their choices are limited to what the user may edit."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.accounts.scope import scope_for
from ksr.animation.choices import ADVISED_KINDS, EventKind, ExamResult, ScenarioCode
from ksr.animation.models import AdviceVisit, AnimationEvent, Animator, ScenarioChoice, ZrarTeam
from ksr.animation.querysets import edit_prefixes
from ksr.animation.services import VISIT_FIELDS
from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

DATE = DateInput()


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
    return qs.order_by(polish("name"))


def limit(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit the choices of the model choice field ``name`` to ``queryset``."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class _UserForm(forms.Form):
    """A form whose choices are limited to what ``user`` may edit."""

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class _UserModelForm(forms.ModelForm):
    """A form of a model's fields (labels and help from the model) whose choices are limited to
    what ``user`` may edit. It only parses: the service validates and saves."""

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def _post_clean(self) -> None:
        pass  # no model validation here: the service validates the whole write


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


class AnimatorForm(_UserModelForm):
    class Meta:
        model = Animator
        fields = ["full_name", "home_institution", "region", "team"]
        help_texts = {"team": _("Optional.")}

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


class ScenarioChoiceForm(_UserModelForm):
    scenario = forms.ChoiceField(
        label=_("Scenario"),
        choices=ScenarioCode.choices,
        help_text=_("Confirm the proposed scenario or choose another one and give the reason."),
    )

    class Meta:
        model = ScenarioChoice
        fields = ["scenario", "change_reason", "animator", "baseline_survey", "follow_up_on", "follow_up_survey"]
        widgets = {"change_reason": forms.Textarea(attrs={"rows": 3}), "follow_up_on": DATE}
        help_texts = {"animator": _("Optional.")}

    def __init__(self, *args: Any, gmina: TerritorialUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        animators = Animator.objects.editable_by(self.user).filter(region__code=gmina.code[:2])
        limit(self, "animator", animators)


class EventForm(_UserModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)

    class Meta:
        model = AnimationEvent
        fields = ["kind", "gmina", "held_on", "title", "goal", "agenda", "invited", "present", "animator", "notes"]
        widgets = {
            "held_on": DATE,
            "goal": forms.Textarea(attrs={"rows": 2}),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "gmina", _units(self.user, UnitLevel.GMINA))
        orgs = _organisations(self.user)
        limit(self, "invited", orgs)
        limit(self, "present", orgs)
        limit(self, "animator", Animator.objects.editable_by(self.user))


class AdviceVisitForm(_UserModelForm):
    class Meta:
        model = AdviceVisit
        fields = list(VISIT_FIELDS)
        widgets = {
            "visited_on": DATE,
            "topics": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "adopted_on": DATE,
            "adoption_evidence": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"entity": _("An operating KIS or CIS.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit(self, "entity", _organisations(self.user, kind__in=ADVISED_KINDS))
        limit(self, "animator", Animator.objects.editable_by(self.user))
