"""Helpers for forms: service errors back on the form, and the shared form page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form, per field where the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                message = error.message % error.params if error.params else error.message
                if target is None and field != NON_FIELD_ERRORS:
                    label = field.replace("_", " ")
                    message = f"{label}: {message}"
                form.add_error(target, message)
    else:
        form.add_error(None, exc)


def submitted(request: HttpRequest, form: forms.BaseForm, save: Callable[..., Any], **kwargs: Any) -> Any:
    """On a valid POST, ``save(data=cleaned_data, **kwargs)`` (a service) and return what it
    returns; otherwise None.

    A service's ValidationError goes back onto the form (per field), and None is returned, so
    the page is drawn again with the errors.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(data=dict(form.cleaned_data), **kwargs)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def form_page(request: HttpRequest, form: forms.BaseForm, title: Any, back: str) -> HttpResponse:
    """The shared form page; 400 when the form came back with errors."""
    context = {"form": form, "title": title, "back": back}
    return render(
        request, "web/form_page.html", context, status=400 if form.is_bound and form.errors else 200
    )
