"""Numbers from web addresses and query strings, always within bounds.

A typed-in ``?limit=9223372036854775808`` or ``/partners/99999999999999999999/``
must be "not found" or a 400 that names the parameter, never a database overflow.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def bounded(raw: str, low: int, high: int) -> int:
    """``raw`` as a whole number from ``low`` to ``high``; ValueError with a readable message otherwise.

    >>> bounded("12", 1, 500)
    12
    >>> bounded("9223372036854775808", 1, 500)
    Traceback (most recent call last):
    ...
    ValueError: Give a whole number from 1 to 500.
    """
    text = raw.strip()
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 18 and low <= int(text) <= high):
        raise ValueError(_("Give a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return int(text)


class BadParameter(Exception):
    """A query parameter of a page out of range; the page answers 400 naming it."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def read_int(params: Any, name: str, default: int, low: int, high: int) -> int:
    """Parameter ``name`` of a query string, ``default`` when absent; ValueError when out of range."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    return bounded(raw, low, high)


def query_int(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    """For pages: a wrong value is a 400 page naming the parameter."""
    try:
        return read_int(request.GET, name, default, low, high)
    except ValueError as exc:
        raise BadParameter(name, str(exc)) from exc


class BadParameterMiddleware:
    """Renders :class:`BadParameter` as a 400 page that names the parameter."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, BadParameter):
            return None
        title = _("The address has a wrong value for “%(name)s”") % {"name": exception.name}
        context = {"code": 400, "title": title, "message": exception.message}
        return render(request, "web/error.html", context, status=400)


class IdConverter:
    """A record id in a web address: at most 18 digits, so it always fits the database."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    regex = "[0-9]{4}"
