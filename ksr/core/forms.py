"""Form glue shared by every app: services raise ``ValidationError``, forms show it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` on ``form``: field errors on their fields, the rest on top.

    A service validates the whole write (``full_clean`` and its own rules) and raises with field
    names of the model; a name the form has no field for becomes a non-field error, so no message
    is ever lost.
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
