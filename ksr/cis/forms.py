from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ksr.cis.models import BenefitRate, StatusDecision
from ksr.core.widgets import DateInput


class StatusDecisionForm(forms.ModelForm):
    valid_until = forms.DateField(
        label=_("status valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for five years from the start."),
    )

    class Meta:
        model = StatusDecision
        fields = [
            "kind",
            "number",
            "decided_on",
            "valid_from",
            "valid_until",
            "starosta_opinion_on",
            "starosta_opinion_positive",
            "marshal_funds_first_months",
            "marshal_funding",
            "note",
        ]
        widgets = {
            "decided_on": DateInput(),
            "valid_from": DateInput(),
            "starosta_opinion_on": DateInput(),
            "starosta_opinion_positive": forms.NullBooleanSelect(),
        }

    def _post_clean(self) -> None:
        """The service validates the decision as a whole; the form only parses the fields."""


class RateForm(forms.ModelForm):
    class Meta:
        model = BenefitRate
        fields = [
            "valid_from",
            "unemployment_benefit",
            "percent",
            "trial_percent",
            "trial_months",
            "absence_divisor",
            "bonus_max_percent",
            "weekly_hours_min",
            "weekly_hours_max",
            "max_months",
            "source",
            "verified",
        ]
        widgets = {"valid_from": DateInput(), "source": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        """The service validates the rate."""


class BonusForm(forms.Form):
    case = forms.TypedChoiceField(label=_("participant"), coerce=int)
    amount = forms.DecimalField(label=_("amount (PLN)"), min_value=0.01, max_digits=9, decimal_places=2)
    reason = forms.CharField(label=_("reason"), max_length=300)

    def __init__(self, *args: Any, cases: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["case"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 — declared above
        field.choices = [(case.pk, str(case.participant)) for case in cases]
