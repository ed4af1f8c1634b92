"""API of areas and finance models: read them, and read a model's stored results.

Results are computed once per version of a model, in a task (finance/computing.py): the
first request for a version queues it and answers with its state; poll until ``done``.
Areas and models change on the web pages (with their validation and previews), not here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from akkoord.common.rest.pagination import bounded_int

from . import computing, services
from .models import Area, FinanceModel, ModelResult


class AreaSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True, help_text="CBS code."
    )
    deal = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    models = serializers.SerializerMethodField(help_text="Slugs of the area's finance models you may see.")

    class Meta:
        model = Area
        fields = ["slug", "name", "description", "region", "deal", "boundary", "programme", "models"]
        fields += ["source", "is_example"]

    def get_models(self, obj: Area) -> list[str]:
        return [m.slug for m in obj.models.all() if m.slug in self.context.get("visible_models", ())]


class FinanceModelSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    deal = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    definition = serializers.JSONField(help_text="The model file as data (docs/finance.md).")

    class Meta:
        model = FinanceModel
        fields = ["slug", "name", "area", "deal", "definition", "source", "is_example"]


class ModelResultSerializer(serializers.ModelSerializer):
    version = serializers.CharField(source="digest", help_text="Digest of the definition and the analysis.")
    # Declared, not derived from the model: a derived field's maximum differs per database.
    draws = serializers.IntegerField(read_only=True, help_text="Monte Carlo draws of this version.")
    result = serializers.JSONField(
        allow_null=True, help_text="When done: net present values per party, Monte Carlo and Sobol."
    )

    class Meta:
        model = ModelResult
        fields = ["version", "draws", "status", "result", "error", "queued_at", "started_at", "finished_at"]


class AreaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Areas of deals you may see, and areas of no deal."""

    serializer_class = AreaSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,200}"

    def get_queryset(self) -> QuerySet[Area]:
        qs = Area.objects.select_related("region", "deal").prefetch_related("models")
        return services.visible(qs, self.request.user).order_by("name")

    def get_serializer_context(self) -> dict[str, Any]:
        visible = services.visible(FinanceModel.objects.all(), self.request.user)
        slugs = set(visible.values_list("slug", flat=True))
        return {**super().get_serializer_context(), "visible_models": slugs}


DRAWS = OpenApiParameter(
    "draws",
    int,
    description="Monte Carlo draws, one of " + ", ".join(str(d) for d in computing.DRAW_CHOICES),
    enum=list(computing.DRAW_CHOICES),
    default=2000,
)


class FinanceModelViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Finance models you may see, with their definition; ``results`` gives the computed outputs."""

    serializer_class = FinanceModelSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,200}"
    filterset_fields = {"area": "area__slug", "deal": "deal__slug"}

    def get_queryset(self) -> QuerySet[FinanceModel]:
        qs = FinanceModel.objects.select_related("area__deal", "deal")
        return services.visible(qs, self.request.user).order_by("slug")

    @extend_schema(parameters=[DRAWS], responses=ModelResultSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, slug: str | None = None) -> Response:
        """The stored results of this version; queued the first time: poll while ``status`` is not done."""
        fm = self.get_object()
        draws = bounded_int(request, "draws", 2000, 0, computing.DRAW_CHOICES[-1])
        if problem := computing.draws_problem(draws):
            raise ValidationError({"draws": [problem]})
        return Response(ModelResultSerializer(computing.result_for(fm, draws)).data)
