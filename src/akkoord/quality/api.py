"""API of the social quality: the reviews of an area the reader may see, oldest first."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from akkoord.finance.models import Area
from akkoord.finance.services import can_see

from .models import Review, Score


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Score
        fields = ["item", "score", "evidence"]


class ReviewSerializer(serializers.ModelSerializer):
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Review
        fields = [
            "reviewed_on", "reviewed_by", "scores", "hardware", "software", "orgware", "source", "is_example",
        ]  # fmt: skip


class AreaQualityView(APIView):
    """The five pillars and the five I's of an area, scored 1 to 5 with evidence, per review."""

    @extend_schema(responses=ReviewSerializer(many=True), operation_id="area_quality")
    def get(self, request: Request, slug: str) -> Response:
        area = get_object_or_404(Area, slug=slug[:200])
        if not can_see(request.user, area):
            raise NotFound("No area you may see has this short name.")
        reviews = Review.objects.filter(area=area).prefetch_related("scores").order_by("reviewed_on")
        return Response(ReviewSerializer(reviews, many=True).data)
