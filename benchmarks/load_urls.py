"""The platform's addresses and /bench/bare: a view that does nothing (the load benchmark's peer)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from akkoord.config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *urlpatterns]
