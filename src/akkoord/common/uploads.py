"""Uploads: who may send a file is checked before the request's body is read.

Django reads a multipart body the first time anything touches ``request.POST``
(the CSRF check does, before the view runs). :class:`UploadGuardMiddleware` sits
before the CSRF middleware: it refuses bodies over the size limit, refuses files
from visitors who are not logged in, and runs the view's own permission check
(:func:`guard_upload`) before any byte of the file is parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

Check = Callable[..., None]


def guard_upload(check: Check) -> Callable[[Any], Any]:
    """Mark a view that takes files: ``check(request, **url_kwargs)`` raises when the user may not."""

    def mark(view: Any) -> Any:
        view.upload_check = check
        return view

    return mark


def _is_upload(request: HttpRequest) -> bool:
    return request.method in {"POST", "PUT", "PATCH"} and request.content_type.startswith(
        "multipart/form-data"
    )


class UploadGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if not _is_upload(request):
            return None
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_UPLOAD_BYTES:
            message = _("The file is larger than %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // 2**20}
            return render(
                request, "web/error.html", {"code": 413, "title": message, "message": message}, status=413
            )
        check = getattr(view, "upload_check", None)
        if check is None:
            if not request.user.is_authenticated:
                raise PermissionDenied(_("Log in to send files."))
            return None
        check(request, **kwargs)
        return None
