from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ksr.documents.models import DocumentSettings


class DocumentSettingsForm(forms.ModelForm):
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = DocumentSettings
        fields = ["code", "header_name", "header_address", "logo", "closing_formula"]
        widgets = {"logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg"})}

    def _post_clean(self) -> None:
        """The service validates the whole (and the logo by what it is); the form only parses."""


class SignedCopyForm(forms.Form):
    signed_copy = forms.FileField(
        label=_("Signed copy (scan)"),
        help_text=_("A PDF document or a PNG or JPEG image, 10 MB at most."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
