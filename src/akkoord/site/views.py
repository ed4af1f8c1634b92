from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from akkoord.common import hub
from akkoord.deals.models import Deal, DealKind, DealMembership
from akkoord.deals.permissions import visible_deals
from akkoord.organisations.models import Organisation


def home(request: HttpRequest) -> HttpResponse:
    deals = visible_deals(request.user)
    kinds = dict(DealKind.choices)
    by_kind = [
        (kinds[row["kind"]], row["n"], row["kind"])
        for row in deals.values("kind").annotate(n=Count("id")).order_by("-n")
    ]
    context = {
        "deal_count": deals.count(),
        "organisation_count": Organisation.objects.count(),
        "by_kind": by_kind,
        "recent": deals.order_by("-updated_at")[:6],
    }
    return render(request, "web/home.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Mijn Akkoord: the user's deals and roles, and what waits for them in every app."""
    memberships = (
        DealMembership.objects.filter(user=request.user)
        .select_related("deal")
        .order_by("deal__title", "role")
    )
    deals: dict[int, tuple[Deal, list[str]]] = {}
    for m in memberships:
        deals.setdefault(m.deal_id, (m.deal, []))[1].append(str(m.get_role_display()))
    context = {"deals": list(deals.values()), "todos": hub.todos_for(request.user)}
    return render(request, "web/mine.html", context)


def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy statement: what the platform keeps about whom, why, for how long, and your rights."""
    context = {
        "retention_months": settings.REGISTRATION_RETENTION_MONTHS,
        "token_days": settings.API_TOKEN_LIFETIME.days,
        "controller": settings.PRIVACY_CONTROLLER,
        "contact": settings.PRIVACY_CONTACT,
    }
    return render(request, "web/privacy.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, after the Dutch model (digitoegankelijk.nl)."""
    context = {"organisation": settings.PRIVACY_CONTROLLER, "contact": settings.PRIVACY_CONTACT}
    return render(request, "web/accessibility.html", context)


def _api_problem(request: HttpRequest, status: int, title: str) -> HttpResponse | None:
    """Errors under /api/ that Django answers itself (an address no route matches, a failed
    CSRF check, a crash) are problem details too, like those of the API's views."""
    if not request.path.startswith("/api/"):
        return None
    body = {
        "type": f"https://akkoord.nl/problems/{status}",
        "title": title,
        "status": status,
        "detail": title,
    }
    return JsonResponse(body, status=status, content_type="application/problem+json")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_problem(request, 404, _("Not found.")) or render(
        request, "web/error.html", {"code": 404}, status=404
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _api_problem(request, 403, _("You may not do this.")) or render(
        request, "web/error.html", {"code": 403, "message": str(exception or "")}, status=403
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return forbidden(request, PermissionDenied(_("The form was too old or came from elsewhere; try again.")))


def server_error(request: HttpRequest) -> HttpResponse:
    return _api_problem(request, 500, _("Something went wrong on our side.")) or render(
        request, "web/error.html", {"code": 500}, status=500
    )


__all__ = [
    "Deal",
    "accessibility",
    "home",
    "mine",
    "privacy",
    "not_found",
    "forbidden",
    "server_error",
]
