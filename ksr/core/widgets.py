"""Form widgets shared by every app.

``DateInput`` is the one date widget of the product: the browser's ``<input type="date">`` takes
its value only in ISO form (``yyyy-mm-dd``) and shows it in the user's own format, so the value
is rendered in ISO whatever the language (a Polish ``02.12.2026`` would be dropped by the browser
and the field sent empty). Input in the language's own format is still accepted by the field.
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs=attrs, format=format or ISO_DATE)
