"""API of the impact monitor: results as JSON (the IATI results model) and the values with their workflow."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from akkoord.common.fields import BoundedPrimaryKeyRelatedField
from akkoord.deals.models import DealMembership
from akkoord.deals.viewsets import ServiceViewSet

from . import services
from .models import Indicator, Measurement


class ResultValue(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)


class ResultActual(ResultValue):
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    is_example = serializers.BooleanField()


class ResultPeriod(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    target = ResultValue(allow_null=True)
    actual = ResultActual(allow_null=True, help_text="Only approved values.")


class ResultBaseline(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)


class ResultIndicator(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    measure = serializers.CharField(
        help_text="IATI IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative."
    )
    unit = serializers.CharField(allow_blank=True)
    ascending = serializers.BooleanField()
    cumulative = serializers.BooleanField()
    baseline = ResultBaseline(allow_null=True)
    periods = ResultPeriod(many=True)


class ResultItem(serializers.Serializer):
    type = serializers.CharField(help_text="IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other.")
    level = serializers.CharField(allow_blank=True, help_text="Level in the theory of change.")
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    indicators = ResultIndicator(many=True)


class ResultParticipant(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(help_text="IATI OrganisationType.")
    role = serializers.CharField(help_text="IATI OrganisationRole: 2 accountable, 4 implementing.")


class ResultsSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    status = serializers.CharField(help_text="IATI ActivityStatus.")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    participants = ResultParticipant(many=True)
    results = ResultItem(many=True)


class MeasurementSerializer(serializers.ModelSerializer):
    """A value of an indicator. Only drafts and returned values can change; status moves by action."""

    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    deal = serializers.SlugRelatedField(source="indicator.deal", slug_field="slug", read_only=True)
    indicator_id = BoundedPrimaryKeyRelatedField(
        source="indicator", queryset=Indicator.objects.select_related("deal", "responsible"), write_only=True
    )

    class Meta:
        model = Measurement
        fields = [
            "id",
            "deal",
            "indicator",
            "indicator_id",
            "year",
            "value",
            "numerator",
            "denominator",
            "text",
            "evidence",
            "status",
            "return_reason",
            "source",
            "is_example",
        ]
        read_only_fields = ["status", "return_reason"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["indicator_id"].read_only = True  # a value does not move between indicators
        return fields


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class MeasurementViewSet(ServiceViewSet):
    """Values of indicators. Approved values are public with their deal; drafts, submitted and returned
    values are seen by coordinators and by contacts of the partner that may enter them."""

    serializer_class = MeasurementSerializer
    deal_path = "indicator__deal"
    filterset_fields = {
        "deal": "indicator__deal__slug",
        "indicator": "indicator__code",
        "status": "status",
        "year": "year",
    }
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def base_queryset(self) -> QuerySet[Measurement]:
        return Measurement.objects.select_related("indicator__deal", "indicator__responsible").order_by(
            "indicator__deal__slug", "indicator__code", "year", "id"
        )

    def get_queryset(self) -> QuerySet[Measurement]:
        qs = super().get_queryset()
        user = self.request.user
        if getattr(user, "is_superuser", False):
            return qs
        if not getattr(user, "is_authenticated", False):
            return qs.filter(status=Measurement.Status.APPROVED)
        coordinated = DealMembership.objects.filter(user=user, role=DealMembership.Role.COORDINATOR)
        contacts = DealMembership.objects.filter(user=user, role=DealMembership.Role.PARTNER_CONTACT)
        return qs.filter(
            Q(status=Measurement.Status.APPROVED)
            | Q(indicator__deal__in=coordinated.values("deal"))
            | Q(
                indicator__deal__in=contacts.values("deal"),
                indicator__responsible__isnull=True,
            )
            | Q(indicator__responsible__organisation__in=contacts.values("organisation"))
        )

    def save(self, serializer: Any, *, instance: Measurement | None) -> Measurement:
        data = dict(serializer.validated_data)
        indicator = data.pop("indicator", None) or instance.indicator  # type: ignore[union-attr]
        return services.save_measurement(
            actor=self.request.user, indicator=indicator, data=data, instance=instance
        )

    def _move(self, request: Request, fn: Any, **kwargs: Any) -> Response:
        m = fn(actor=request.user, measurement=self.get_object(), **kwargs)
        return Response(MeasurementSerializer(m, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=MeasurementSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit a draft or returned value for approval."""
        return self._move(request, services.submit)

    @extend_schema(request=None, responses=MeasurementSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Coordinators: approve a submitted value; from now on it counts."""
        return self._move(request, services.approve)

    @extend_schema(request=ReturnSerializer, responses=MeasurementSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_value(self, request: Request, pk: str | None = None) -> Response:
        """Coordinators: send a submitted or approved value back, saying why."""
        s = ReturnSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        return self._move(request, services.return_measurement, reason=s.validated_data["reason"])


class DealResultsMixin:
    """``GET /deals/{slug}/results``: added to the deal API where the API is composed
    (api/urls.py), so that deals/ does not import impact/."""

    @extend_schema(responses=ResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, slug: str | None = None) -> Response:
        """The deal's results in the IATI 2.03 results model (only approved values); as XML at
        ``/impact/<slug>/results.xml``."""
        from .results import results_data

        return Response(results_data(self.get_object()))  # type: ignore[attr-defined]
