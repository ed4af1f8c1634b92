"""Uploads: who may send a file is checked before the request's body is read.

Django reads a multipart body the first time anything touches ``request.POST``
(the CSRF check does, before the view runs). :class:`UploadGuardMiddleware` sits
before the CSRF middleware: it refuses bodies over the size limit, runs the view's
own permission check (:func:`guard_upload`) before any byte of a file is parsed,
and makes every other view skip file parts unread (they take no files).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
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
            request.upload_handlers = [SkipFiles()]
            return None
        if not request.user.is_authenticated:
            raise PermissionDenied(_("Log in to send files."))
        check(request, **kwargs)
        return None


class SkipFiles(FileUploadHandler):
    """For views that take no files: every file part is skipped without being stored."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        return None

    def file_complete(self, file_size: int) -> None:
        return None
