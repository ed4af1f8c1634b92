"""The API's own pages: the OpenAPI document, its documentation page, and the trailing-slash redirect."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import resolve
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.response import Response


class SchemaView(SpectacularJSONAPIView):
    """The OpenAPI document at /api/v1/openapi.json; ``?lang=nl`` gives its Dutch texts.

    The document follows from the code alone (it is the same for every reader), and making it
    takes a few hundred milliseconds: it is made once per language in each process.
    """

    made: ClassVar[dict[str, Any]] = {}

    def _get_schema_response(self, request: Any) -> Response:
        language = get_language() or ""
        if language not in self.made:
            self.made[language] = super()._get_schema_response(request).data
        return Response(self.made[language])


class ApiDocsView(TemplateView):
    """Swagger UI (from drf-spectacular-sidecar, no CDN) inside the platform's own page."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["schema_url"] = "openapi.json?" + urlencode({"lang": get_language() or "nl"})
        context["api_version"] = settings.API_VERSION
        return context


@csrf_exempt
def without_trailing_slash(request: HttpRequest, rest: str) -> HttpResponse:
    target = request.path[:-1]
    if resolve(target).url_name in {"api-not-found", "api-trailing-slash"}:
        raise Http404
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target, preserve_request=True)  # 308: same method and body


@csrf_exempt
def not_found(request: HttpRequest) -> HttpResponse:
    """Any other path under /api/v1: a 404 problem (and no slash-appending redirect first)."""
    raise Http404
