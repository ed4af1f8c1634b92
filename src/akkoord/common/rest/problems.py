"""API errors as RFC 9457 problem details (application/problem+json), naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "https://akkoord.nl/problems/"
# The platform addresses people as "u"; DRF's own Dutch says "je". Naming DRF's messages here
# keeps them in the platform's catalogue, which wins over DRF's (LOCALE_PATHS), in formal Dutch.
FORMAL_MESSAGES = (gettext_noop("You do not have permission to perform this action."),)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if key != "non_field_errors" else ""
            out += _flatten(value, f"{prefix}.{name}" if prefix and name else (name or prefix))
    elif isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            out += [{"name": prefix or "__all__", "reason": str(v)} for v in detail]
        else:
            for i, value in enumerate(detail):
                out += _flatten(value, f"{prefix}[{i}]")
    else:
        out.append({"name": prefix or "__all__", "reason": str(detail)})
    return out


def django_to_drf(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, ProtectedError):
        return exceptions.ValidationError(
            {"non_field_errors": [_("This record is still in use and cannot be deleted.")]}
        )
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = django_to_drf(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + (exc.default_code or "error"),
        "title": str(exc.default_detail),
        "status": response.status_code,
    }
    if isinstance(exc, exceptions.ValidationError):
        body["title"] = _("The request has invalid fields.")
        body["invalid_params"] = _flatten(exc.detail)
        body["detail"] = "; ".join(f"{p['name']}: {p['reason']}" for p in body["invalid_params"])
    else:
        body["detail"] = str(exc.detail) if not isinstance(exc.detail, (dict, list)) else str(exc.detail)
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        body["title"] = _("Authentication is needed.")
    response.data = body
    response.content_type = "application/problem+json"
    return response
