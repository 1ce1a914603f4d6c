"""The form page every app uses: show a form, call one service on a valid POST, redirect.

Views stay thin::

    return form_page(
        request, form, lambda data: services.do_update_x(x, data, actor=request.user),
        title=_("Edit"), back_url=x.get_absolute_url(), success=_("Saved."),
    )

A service's ``ValidationError`` lands on the form (``add_service_errors``) and the page answers
400, so nothing is written and the user sees why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ksr.core.forms import add_service_errors

FORM_TEMPLATE = "core/form.html"


def render_form(
    request: HttpRequest,
    form: BaseForm,
    *,
    title: str,
    back_url: str,
    template: str = FORM_TEMPLATE,
    **context: Any,
) -> HttpResponse:
    """Render ``form`` on its page; a POST that reaches here had errors and answers 400."""
    multipart = any(getattr(f.widget, "needs_multipart_form", False) for f in form.fields.values())
    context = {"form": form, "title": title, "back_url": back_url, "multipart": multipart, **context}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[dict[str, Any]], Any],
    *,
    title: str,
    back_url: str,
    success: str = "",
    success_url: str | Callable[[Any], str] | None = None,
    template: str = FORM_TEMPLATE,
    **context: Any,
) -> HttpResponse:
    """GET: the empty or bound form. Valid POST: ``save(cleaned_data)``, message, redirect."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if success:
                messages.success(request, success)
            target = success_url(result) if callable(success_url) else (success_url or back_url)
            return redirect(target)
    return render_form(request, form, title=title, back_url=back_url, template=template, **context)
