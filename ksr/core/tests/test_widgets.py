from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import translation

from ksr.core.widgets import DateInput


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput())


def test_date_input_renders_an_iso_value_in_every_language():
    for language in ("pl", "en"):
        with translation.override(language):
            html = str(_Form(initial={"on": dt.date(2026, 12, 2)})["on"])
        assert 'type="date"' in html and 'value="2026-12-02"' in html


def test_date_field_accepts_the_iso_value_and_the_polish_form():
    with translation.override("pl"):
        assert _Form({"on": "2026-12-02"}).is_valid()
        assert _Form({"on": "02.12.2026"}).is_valid()
