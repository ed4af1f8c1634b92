"""API of Kennis: the search, example projects, lessons, barriers and cross-links (read).

Cases and barriers change on the web pages, with their review by a second person; the API
reads what the caller may see, by the same rules as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.html import escape
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from akkoord.common.query import BadParameter, read_int
from akkoord.deals.permissions import visible_deals
from akkoord.impact.models import Narrative

from . import permissions
from .documents import KINDS
from .models import Barrier, Case, CaseStatus, CrossLink, Obstacle
from .search import FACETS, parse, search


def marked(pieces: list[tuple[str, bool]]) -> str:
    """A snippet as HTML: the text escaped, the words found in ``<mark>``."""
    return "".join(f"<mark>{escape(t)}</mark>" if m else escape(t) for t, m in pieces)


HIT_FIELDS = {
    "type": serializers.ChoiceField(choices=KINDS),
    "title": serializers.CharField(),
    "snippet": serializers.CharField(help_text="HTML: escaped text with the words found in <mark>."),
    "url": serializers.CharField(help_text="The page of the record."),
}
RESULTS = inline_serializer(
    "SearchResults",
    {
        "count": serializers.IntegerField(help_text="Matches, counted up to 1,000."),
        "more": serializers.BooleanField(help_text="More matches than count; the newest 1,000 are ranked."),
        "page": serializers.IntegerField(),
        "terms": serializers.ListField(child=serializers.CharField(), help_text="The stems searched for."),
        "results": inline_serializer("SearchHit", HIT_FIELDS, many=True),
    },
)
PARAMS = [
    OpenApiParameter(
        "q", str, required=True, description="Words in Dutch; all must occur (at most 200 characters)."
    ),
    OpenApiParameter("type", str, many=True, enum=KINDS, description="Only these kinds of record."),
    *(OpenApiParameter(name, str, many=True, description=f"Filter by {name}.") for name in FACETS),
    OpenApiParameter("page", int, description="Page of 20 results, from 1."),
]


class SearchView(APIView):
    """One search over deals, example projects, lessons, barriers, decisions, working groups and events."""

    @extend_schema(parameters=PARAMS, responses=RESULTS, operation_id="search")
    def get(self, request: Request) -> Response:
        try:
            q, filters, page = parse(request.query_params)
        except BadParameter as exc:
            raise ValidationError({exc.name: [exc.message]}) from exc
        if not q.strip():
            raise ValidationError({"q": ["Give one or more words to search for."]})
        found = search(q, user=request.user, filters=filters, page=page)
        hits = [
            {
                "type": h.kind,
                "title": h.title,
                "snippet": marked(h.snippet),
                "url": request.build_absolute_uri(h.url),
            }
            for h in found.hits
        ]
        return Response(
            {"count": found.total, "more": found.more, "page": page, "terms": found.terms, "results": hits}
        )


class ObstacleSerializer(serializers.ModelSerializer):
    barrier = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Obstacle
        fields = ["kind", "description", "outcome", "how", "reference", "barrier"]


class CaseSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="CBS code."
    )
    deals = serializers.SerializerMethodField(help_text="Slugs of its deals you may see.")
    obstacles = ObstacleSerializer(many=True, read_only=True)
    success_factors = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)
    active_ingredients = serializers.SerializerMethodField()
    results = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)
    sources = serializers.SerializerMethodField()
    contact = serializers.SlugRelatedField(slug_field="name", read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "slug", "title", "summary", "status", "municipality", "place", "latitude", "longitude",
            "started", "ended", "deals", "themes", "phase", "beneficiaries", "evidence", "contact",
            "obstacles", "success_factors", "active_ingredients", "results", "sources", "published_on",
            "source", "is_example",
        ]  # fmt: skip

    def get_deals(self, obj: Case) -> list[str]:
        return [d.slug for d in obj.deals.all() if d.pk in self.context["visible_deals"]]

    def get_active_ingredients(self, obj: Case) -> list[dict[str, str]]:
        return [{"name": i.name, "description": i.description} for i in obj.ingredients.all()]

    def get_sources(self, obj: Case) -> list[dict[str, str]]:
        return [{"title": s.title, "url": s.url, "note": s.note} for s in obj.sources.all()]


class _Visible:
    request: Any

    def get_serializer_context(self) -> dict[str, Any]:
        ids = set(visible_deals(self.request.user).values_list("pk", flat=True))
        return {**super().get_serializer_context(), "visible_deals": ids}  # type: ignore[misc]


class CaseViewSet(_Visible, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published example projects, and the drafts you may write."""

    serializer_class = CaseSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,200}"

    def get_queryset(self) -> QuerySet[Case]:
        qs = Case.objects.select_related("municipality", "contact").prefetch_related(
            "deals", "obstacles__barrier", "success_factors", "ingredients", "results", "sources"
        )
        user = self.request.user
        if not permissions.is_editor(user):
            coordinated = Q(deals__memberships__user=user, deals__memberships__role="coordinator")
            mine = coordinated if user.is_authenticated else Q(pk__in=[])
            qs = qs.filter(Q(status=CaseStatus.PUBLISHED) | mine).distinct()
        return qs.order_by("slug")


class BarrierSerializer(serializers.ModelSerializer):
    deals = serializers.SerializerMethodField(help_text="Slugs of the deals you may see that ran into it.")

    class Meta:
        model = Barrier
        fields = [
            "slug",
            "title",
            "rule",
            "description",
            "action",
            "outcome",
            "result",
            "deals",
            "source",
            "is_example",
        ]

    def get_deals(self, obj: Barrier) -> list[str]:
        return [d.slug for d in obj.deals.all() if d.pk in self.context["visible_deals"]]


class BarrierViewSet(_Visible, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The register of barriers in rules and law: those of no deal or of a deal you may see."""

    serializer_class = BarrierSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,200}"

    def get_queryset(self) -> QuerySet[Barrier]:
        deals = visible_deals(self.request.user)
        qs = Barrier.objects.filter(Q(deals__isnull=True) | Q(deals__in=deals)).distinct()
        return qs.prefetch_related("deals").order_by("slug")


class CrossLinkSerializer(serializers.ModelSerializer):
    first = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    second = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = CrossLink
        fields = ["id", "first", "second", "basis", "description", "suggested"]


class CrossLinkViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Accepted cross-links between two deals you may both see."""

    serializer_class = CrossLinkSerializer

    def get_queryset(self) -> QuerySet[CrossLink]:
        deals = visible_deals(self.request.user)
        qs = CrossLink.objects.filter(status=CrossLink.Status.ACCEPTED, first__in=deals, second__in=deals)
        return qs.select_related("first", "second").order_by("id")


class LessonSerializer(serializers.ModelSerializer):
    deal = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Narrative
        fields = ["id", "deal", "year", "kind", "title", "text", "source"]


LESSON_PARAMS = [
    OpenApiParameter("kind", str, enum=list(Narrative.Kind.values), description="Only this kind of story."),
    OpenApiParameter("deal", str, description="Only the lessons of this deal (its slug)."),
    OpenApiParameter("year", int, description="Only the lessons of this year."),
]


@extend_schema(parameters=LESSON_PARAMS)
class LessonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The successes, setbacks and lessons of the yearly reports, of the deals you may see; newest first."""

    serializer_class = LessonSerializer

    def get_queryset(self) -> QuerySet[Narrative]:
        qs = Narrative.objects.filter(deal__in=visible_deals(self.request.user)).select_related("deal")
        if self.action != "list":
            return qs.order_by("id")
        params = self.request.query_params
        kind = params.get("kind")
        if kind:
            if kind not in Narrative.Kind.values:
                raise ValidationError({"kind": [f"Must be one of {', '.join(Narrative.Kind.values)}."]})
            qs = qs.filter(kind=kind)
        if params.get("deal"):
            qs = qs.filter(deal__slug=params["deal"][:200])
        if params.get("year"):
            try:
                year = read_int(params, "year", 0, 1900, 2200)
            except ValueError as exc:
                raise ValidationError({"year": [str(exc)]}) from exc
            qs = qs.filter(year=year)
        return qs.order_by("-year", "deal__title", "id")
