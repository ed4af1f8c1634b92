"""API of the norms: the norm sets (read), and what an area's population needs under its norms."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from akkoord.engines.norms import evaluate
from akkoord.finance.models import Area
from akkoord.finance.services import can_see

from .models import NormSet, population_of


class NormSetSerializer(serializers.ModelSerializer):
    norms = serializers.JSONField(help_text="The norms, as in a norm set file (docs/norms.md).")

    class Meta:
        model = NormSet
        fields = ["slug", "name", "description", "norms", "source", "is_example"]


class NormSetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Norm sets: per facility a base, an amount per base and its source."""

    serializer_class = NormSetSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,200}"

    def get_queryset(self) -> QuerySet[NormSet]:
        return NormSet.objects.order_by("name")


PER_YEAR = serializers.ListField(child=serializers.FloatField())
RESULT = inline_serializer(
    "AreaNorms",
    {
        "area": serializers.CharField(),
        "norm_set": serializers.CharField(),
        "years": serializers.ListField(child=serializers.IntegerField()),
        "inhabitants": PER_YEAR,
        "homes": PER_YEAR,
        "age_groups": serializers.DictField(child=PER_YEAR),
        "facilities": serializers.DictField(
            child=serializers.DictField(),
            help_text="Per facility: label, base, source, and per year required, required_rounded, "
            "planned and gap (planned − required_rounded; negative is a shortage).",
        ),
    },
)


class AreaNormsView(APIView):
    """What an area's programme of homes needs per year under its norm set, beside what is planned."""

    @extend_schema(responses=RESULT, operation_id="area_norms")
    def get(self, request: Request, slug: str) -> Response:
        area = get_object_or_404(Area, slug=slug[:200])
        population = population_of(area)
        if not can_see(request.user, area) or population is None:
            raise NotFound("This area has no population programme you may see.")
        result: dict[str, Any] = evaluate(population.engine_input())
        return Response({"area": area.slug, "norm_set": population.norm_set.slug, **result})
