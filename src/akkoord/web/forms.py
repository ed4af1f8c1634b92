"""Helpers for putting service errors back on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
