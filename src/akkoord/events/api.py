"""API of events: read events and their work sessions; organisers read the registrations and the
assignment, and start runs.

Registering stays a web form (with its spam defences and e-mail confirmation); writes go
through the same services and permission checks as the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from akkoord.common.rest.permissions import DealPermission
from akkoord.deals.permissions import visible_deals

from . import services
from .forms import MIXED_ONLY
from .models import AssignmentRun, Event, Registration, SessionLead, WorkSession


class WorkSessionSerializer(serializers.ModelSerializer):
    leads = serializers.SerializerMethodField()
    co_leads = serializers.SerializerMethodField()

    class Meta:
        model = WorkSession
        fields = [
            "number",
            "title",
            "explanation",
            "keywords",
            "capacity_min",
            "capacity_max",
            "requires_mandate",
            "open_topic",
            "special_moment",
            "stretch_share",
            "leads",
            "co_leads",
            "source",
            "is_example",
        ]

    def _names(self, obj: WorkSession, role: str) -> list[str]:
        return [x.organisation.name for x in obj.leads.all() if x.role == role]

    def get_leads(self, obj: WorkSession) -> list[str]:
        return self._names(obj, SessionLead.Role.LEAD)

    def get_co_leads(self, obj: WorkSession) -> list[str]:
        return self._names(obj, SessionLead.Role.CO_LEAD)


class EventSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="event-detail", lookup_field="slug")
    deal = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    sessions = WorkSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Event
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "deal",
            "starts_at",
            "ends_at",
            "location",
            "description",
            "capacity",
            "registration_open",
            "assignment_published",
            "sessions",
            "source",
            "is_example",
        ]


class PlacementSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="session.number", allow_null=True, read_only=True)
    reason = serializers.CharField(source="reason_text", read_only=True)
    stretch_seat = serializers.BooleanField(read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "organisation",
            "stakeholder_type",
            "has_mandate",
            "session",
            "locked",
            "stretch_seat",
            "reason",
            "is_example",
        ]


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration with its personal data: for the event's organisers only."""

    session = serializers.IntegerField(source="session.number", allow_null=True, read_only=True)
    preferences = serializers.ListField(
        child=serializers.IntegerField(), help_text="Session numbers, in order."
    )
    interests = serializers.ListField(child=serializers.CharField())
    deal = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The public deal the participant comes from, if given."
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "stakeholder_type",
            "has_mandate",
            "deal",
            "interests",
            "preferences",
            "status",
            "session",
            "locked",
            "created_at",
            "anonymised_at",
            "is_example",
        ]
        read_only_fields = fields


REGISTRATION_STATUS = OpenApiParameter(
    "status",
    str,
    enum=[s.value for s in Registration.Status],
    description="Only registrations with this status.",
)


class RunOptionsSerializer(serializers.Serializer):
    max_type_share = serializers.FloatField(min_value=0.05, max_value=1, required=False, allow_null=True)
    min_per_type = serializers.IntegerField(min_value=0, max_value=50, required=False, allow_null=True)
    stretch = serializers.FloatField(min_value=0, max_value=0.5, required=False, allow_null=True)
    seed = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False, allow_null=True)
    grouping = serializers.ChoiceField(
        choices=list(AssignmentRun.GROUPINGS),
        required=False,
        allow_null=True,
        help_text="Tables by the phase of the participants' deals: together or mixed.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("grouping") == "mixed":
            wrong = {
                name: [str(MIXED_ONLY)] for name in ("max_type_share", "min_per_type") if attrs.get(name)
            }
            if wrong:
                raise serializers.ValidationError(wrong)
        return attrs


class RunSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssignmentRun
        fields = ["id", "status", "stage", "progress", "options", "summary", "created_at"]


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Events that stand alone or belong to a deal the reader may see, with their work sessions."""

    serializer_class = EventSerializer
    lookup_field = "slug"
    permission_classes = [DealPermission]

    def get_queryset(self) -> QuerySet[Event]:
        sessions = WorkSession.objects.prefetch_related(
            Prefetch("leads", queryset=SessionLead.objects.select_related("organisation"))
        )
        return (
            Event.objects.select_related("deal")
            .prefetch_related(Prefetch("sessions", queryset=sessions))
            .filter(Q(deal__isnull=True) | Q(deal__in=visible_deals(self.request.user).values("pk")))
        )

    def _organised(self) -> Event:
        event = self.get_object()
        services.require_organiser(self.request.user, event)
        return event

    @extend_schema(responses=PlacementSerializer(many=True))
    @action(detail=True, methods=["get"])
    def assignment(self, request: Request, slug: str | None = None) -> Response:
        """Organisers: every confirmed registration with its work session and why."""
        event = self._organised()
        registrations = (
            event.registrations.filter(status=Registration.Status.CONFIRMED)
            .select_related("session")
            .order_by("session__number", "name", "id")
        )
        page = self.paginate_queryset(registrations)  # the schema promises a paginated list
        return self.get_paginated_response(PlacementSerializer(page, many=True).data)

    @extend_schema(parameters=[REGISTRATION_STATUS], responses=RegistrationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def registrations(self, request: Request, slug: str | None = None) -> Response:
        """Organisers: the registrations with name, e-mail address and preferences (personal data)."""
        event = self._organised()
        registrations = event.registrations.select_related("session").order_by("created_at", "id")
        wanted = request.query_params.get("status")
        if wanted is not None:
            if wanted not in Registration.Status.values:
                choices = ", ".join(Registration.Status.values)
                raise ValidationError({"status": [_("Choose one of %(choices)s.") % {"choices": choices}]})
            registrations = registrations.filter(status=wanted)
        page = self.paginate_queryset(registrations)
        return self.get_paginated_response(RegistrationSerializer(page, many=True).data)

    @extend_schema(request=RunOptionsSerializer, responses={202: RunSerializer})
    @action(detail=True, methods=["post"])
    def runs(self, request: Request, slug: str | None = None) -> Response:
        """Organisers: start an assignment run (in the background); poll the event's latest run."""
        event = self._organised()
        options = RunOptionsSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        chosen: dict[str, Any] = {k: v for k, v in options.validated_data.items() if v is not None}
        run = services.start_run(actor=request.user, event=event, options=chosen)
        run.refresh_from_db()
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=RunSerializer)
    @action(detail=True, methods=["get"], url_path="runs/latest")
    def latest_run(self, request: Request, slug: str | None = None) -> Response:
        """Organisers: the latest run, with its progress and, when done, its summary."""
        event = self._organised()
        run = event.runs.first()
        if run is None:
            return Response({"detail": "No run yet."}, status=status.HTTP_404_NOT_FOUND)
        return Response(RunSerializer(run).data)
