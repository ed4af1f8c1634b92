"""Destructive actions ask first.

A delete (or taking away a permission) is a POST; without ``confirmed=yes`` it answers
with a question page and changes nothing, and the page's button sends the same POST with
the confirmation. Permissions are checked by the view itself, on the confirmed POST.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

View = Callable[..., HttpResponse]


def confirmed_first(question: Any = None, button: Any = None) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def asking(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.POST.get("confirmed") == "yes":
                return view(request, *args, **kwargs)
            back = request.headers.get("referer", "")
            if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
                back = "/"
            context = {
                "action": request.path,
                "back": back,
                "question": question or _("Delete this for good?"),
                "button": button or _("Yes, delete"),
            }
            return render(request, "web/confirm.html", context)

        return asking

    return decorate
