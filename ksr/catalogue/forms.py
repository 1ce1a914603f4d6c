"""Forms of the catalogue pages; choices are limited to what the user may use, services re-check."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.cases.models import Case
from ksr.catalogue import services
from ksr.catalogue.models import HOLDER_KINDS, Activity, Booking, Edition, Offer, Service, SupportInstrument
from ksr.catalogue.querysets import CATALOGUE_MANAGERS
from ksr.core.collation import polish
from ksr.core.types import AnyUser
from ksr.core.widgets import DateInput
from ksr.networks.queries import partner_organisations
from ksr.registry.models import Organisation


def managed_holders(user: AnyUser, roles: tuple[str, ...] = CATALOGUE_MANAGERS) -> QuerySet[Organisation]:
    """KIS/CIS in which ``user`` holds one of ``roles`` (every KIS/CIS for a system administrator)."""
    scope = scope_for(user)
    holders = Organisation.objects.filter(kind__in=HOLDER_KINDS).order_by(polish("name"))
    if scope.has_role(Role.SYSTEM_ADMIN):
        return holders
    return holders.filter(pk__in=scope.organisations_for(*roles))


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = list(services.SERVICE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = partner_organisations(organisation).values("pk")
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = Organisation.objects.filter(
            pk=organisation.pk
        ) | Organisation.objects.filter(pk__in=partners)
        self.fields["provider"].initial = organisation.pk


class HolderChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("KIS/CIS"), queryset=Organisation.objects.none(), help_text=_("Whose catalogue or edition this is.")
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = managed_holders(user)


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = list(services.OFFER_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "available_from": DateInput(),
            "available_to": DateInput(),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["holder"]).queryset = Organisation.objects.visible_to(user).filter(
            kind__in=HOLDER_KINDS
        )
        self.fields["holder"].help_text = _("A KIS or CIS whose local network your organisation belongs to.")


class BookingForm(forms.ModelForm):
    class Meta:
        model = Booking
        fields = list(services.BOOKING_FIELDS)
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {"service": _("A service of the catalogue…"), "offer": _("…or a partner's offer.")}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["service"]).queryset = Service.objects.filter(
            organisation_id=case.organisation_id, is_active=True
        )
        cast(forms.ModelChoiceField, self.fields["offer"]).queryset = Offer.objects.filter(
            holder_id=case.organisation_id, is_active=True
        )

    # "A service or an offer" is the model's rule (``Booking.clean``), which this ModelForm runs:
    # repeating it here showed the same message twice.


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = list(services.EDITION_FIELDS)
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "needs_diagnosis": forms.Textarea(attrs={"rows": 3}),
        }


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = list(services.ACTIVITY_FIELDS)
        widgets = {"date": DateInput()}

    def __init__(self, *args: Any, edition: Edition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["service"]).queryset = Service.objects.filter(
            organisation_id=edition.organisation_id
        )
        self.instance.edition = edition


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = SupportInstrument
        fields = list(services.INSTRUMENT_FIELDS)
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
