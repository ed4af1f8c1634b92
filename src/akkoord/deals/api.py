"""API of the deal registry: serializers and viewsets. Writes go through services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from akkoord.common.fields import BoundedPrimaryKeyRelatedField, PublicNames
from akkoord.deals.viewsets import ServiceViewSet
from akkoord.organisations.models import Person
from akkoord.regions.models import Region

from . import permissions, services
from .filters import DealFilter
from .models import (
    Commitment,
    Deal,
    DealHistory,
    Decision,
    Milestone,
    Partnership,
    Signature,
    WorkingGroup,
)


class DealHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = DealHistory
        fields = ["field", "old_value", "new_value", "on", "rationale"]


class DealSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), many=True, required=False
    )
    history = DealHistorySerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="deal-detail", lookup_field="slug")

    class Meta:
        model = Deal
        fields = [
            "url",
            "slug",
            "title",
            "kind",
            "status",
            "phase",
            "summary",
            "ambition",
            "horizon_start",
            "horizon_end",
            "programme",
            "regions",
            "website",
            "is_public",
            "chair_term_years",
            "source",
            "is_example",
            "history",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["slug", "status", "phase", "created_at", "updated_at"]


class TransitionSerializer(serializers.Serializer):
    field = serializers.ChoiceField(choices=["status", "phase"])
    to = serializers.CharField()
    on = serializers.DateField(required=False, allow_null=True)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")


class DealChildSerializer(serializers.ModelSerializer):
    serializer_related_field = BoundedPrimaryKeyRelatedField

    deal = serializers.SlugRelatedField(slug_field="slug", queryset=Deal.objects.all())

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["deal"].read_only = True  # a record does not move between deals
        return fields


UNKNOWN_CONTACT = services.UNKNOWN_CONTACT


def _privileged(serializer: serializers.Serializer, deal: Deal) -> bool:
    request = serializer.context.get("request")
    return request is not None and permissions.may_see_people_of(request.user, deal)


class PartnershipSerializer(DealChildSerializer):
    """The contact person is shown (id, name, e-mail) to the deal's coordinators, staff and the
    person; others see the name only where the person agreed, and never the e-mail address."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    stakeholder_type = serializers.CharField(source="organisation.stakeholder_type", read_only=True)
    roles = serializers.ListField(child=serializers.CharField(max_length=30), required=False, max_length=20)
    government_roles = serializers.ListField(
        child=serializers.CharField(max_length=30), required=False, max_length=10
    )
    contact = BoundedPrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        # One message whether the person exists or not: ids must not reveal who is registered.
        error_messages={"does_not_exist": UNKNOWN_CONTACT, "incorrect_type": UNKNOWN_CONTACT},
        help_text="Id of a person of the organisation whom you may already see; otherwise use contact_name.",
    )
    contact_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="Write: the contact person, found in the organisation or created. Read: null unless "
        "you may see it.",
    )
    contact_email = serializers.EmailField(
        required=False, allow_blank=True, allow_null=True, help_text="Only for coordinators and staff."
    )

    def to_representation(self, instance: Partnership) -> dict[str, Any]:
        data = super().to_representation(instance)
        person = instance.contact
        user = getattr(self.context.get("request"), "user", None)
        privileged = person is not None and (
            _privileged(self, instance.deal) or (person.user_id is not None and person.user_id == user.pk)
        )
        data["contact"] = person.pk if privileged else None
        data["contact_name"] = person and permissions.public_name(person.name, person.show_name, privileged)
        data["contact_email"] = (person.email or None) if privileged else None
        return data

    class Meta:
        model = Partnership
        fields = [
            "id",
            "deal",
            "organisation",
            "organisation_name",
            "stakeholder_type",
            "roles",
            "government_roles",
            "joined_on",
            "left_on",
            "contact",
            "contact_name",
            "contact_email",
            "note",
            "source",
            "is_example",
        ]


class CommitmentSerializer(DealChildSerializer):
    organisation_name = serializers.CharField(source="partnership.organisation.name", read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "deal",
            "partnership",
            "organisation_name",
            "kind",
            "description",
            "pledged_amount",
            "delivered_amount",
            "status",
            "pledged_on",
            "source",
            "is_example",
        ]


class SignatureSerializer(serializers.ModelSerializer):
    serializer_related_field = BoundedPrimaryKeyRelatedField
    signatory_name = serializers.CharField(
        max_length=200, allow_null=True, help_text="Null for readers who may not see it."
    )

    deal = serializers.SlugRelatedField(source="partnership.deal", slug_field="slug", read_only=True)

    class Meta:
        model = Signature
        fields = [
            "id",
            "deal",
            "partnership",
            "stage",
            "signatory_name",
            "signatory_title",
            "signed_on",
            "has_mandate",
            "mandate_evidence",
            "show_name",
            "is_example",
        ]

    def to_representation(self, instance: Signature) -> dict[str, Any]:
        data = super().to_representation(instance)
        privileged = _privileged(self, instance.partnership.deal)
        data["signatory_name"] = permissions.public_name(
            instance.signatory_name, instance.show_name, privileged
        )
        return data


class WorkingGroupSerializer(DealChildSerializer):
    keywords = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            "deal",
            "name",
            "theme",
            "description",
            "lead",
            "members",
            "keywords",
            "source",
            "is_example",
        ]


class MilestoneSerializer(DealChildSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "deal", "title", "description", "due_on", "done_on", "status", "source", "is_example"]


class DecisionSerializer(DealChildSerializer):
    class Meta:
        model = Decision
        fields = [
            "id",
            "deal",
            "title",
            "decided_on",
            "decided_by",
            "decision",
            "rationale",
            "options_considered",
            "investment_amount",
            "source",
            "is_example",
        ]


class DealApiFilter(PublicNames, DealFilter):
    """The deal list's filters, with the API's parameter names."""

    public_names = {"stakeholder_type": "stakeholderType"}


class DealViewSet(ServiceViewSet):
    """Deals. Reading is open for public deals; a coordinator changes a deal."""

    serializer_class = DealSerializer
    lookup_field = "slug"
    filterset_class = DealApiFilter
    deal_path = "pk"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def base_queryset(self) -> QuerySet[Deal]:
        return Deal.objects.prefetch_related("regions", "history").order_by("title")

    def save(self, serializer: Any, *, instance: Deal | None) -> Deal:
        data = dict(serializer.validated_data)
        if instance is None:
            return services.create_deal(actor=self.request.user, data=data)
        return services.update_deal(actor=self.request.user, deal=instance, data=data)

    @extend_schema(request=TransitionSerializer, responses=DealSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, slug: str | None = None) -> Response:
        """Change the status or the phase of a deal, with a date and a reason."""
        deal = self.get_object()
        s = TransitionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        change = services.change_status if s.validated_data["field"] == "status" else services.change_phase
        deal = change(
            actor=request.user,
            deal=deal,
            to=s.validated_data["to"],
            on=s.validated_data.get("on"),
            rationale=s.validated_data["rationale"],
        )
        return Response(
            DealSerializer(deal, context=self.get_serializer_context()).data, status=status.HTTP_200_OK
        )


class PartnershipViewSet(ServiceViewSet):
    serializer_class = PartnershipSerializer
    filterset_fields = {"deal": "deal__slug", "organisation": "organisation"}

    def base_queryset(self) -> QuerySet[Partnership]:
        return Partnership.objects.select_related("organisation", "deal", "contact")

    def save(self, serializer: Any, *, instance: Partnership | None) -> Partnership:
        data = dict(serializer.validated_data)
        deal = data.pop("deal", None) or instance.deal  # type: ignore[union-attr]
        return services.save_partner(actor=self.request.user, deal=deal, data=data, instance=instance)

    def perform_destroy(self, instance: Partnership) -> None:
        services.delete_child(actor=self.request.user, deal=instance.deal, instance=instance)


class CommitmentViewSet(ServiceViewSet):
    serializer_class = CommitmentSerializer
    filterset_fields = {
        "deal": "deal__slug",
        "kind": "kind",
        "status": "status",
        "partnership": "partnership",
    }

    def base_queryset(self) -> QuerySet[Commitment]:
        return Commitment.objects.select_related("partnership__organisation", "deal")

    def save(self, serializer: Any, *, instance: Commitment | None) -> Commitment:
        data = dict(serializer.validated_data)
        deal = data.pop("deal", None) or instance.deal  # type: ignore[union-attr]
        return services.save_commitment(actor=self.request.user, deal=deal, data=data, instance=instance)

    def perform_destroy(self, instance: Commitment) -> None:
        services.delete_commitment(actor=self.request.user, commitment=instance)


class SignatureViewSet(ServiceViewSet):
    """Signatures are recorded once; a wrong one is deleted and recorded again."""

    serializer_class = SignatureSerializer
    deal_path = "partnership__deal"
    filterset_fields = {"deal": "partnership__deal__slug", "stage": "stage"}
    http_method_names = ["get", "post", "delete", "head", "options"]

    def base_queryset(self) -> QuerySet[Signature]:
        return Signature.objects.select_related("partnership__deal")

    def save(self, serializer: Any, *, instance: Signature | None) -> Signature:
        data = dict(serializer.validated_data)
        return services.record_signature(actor=self.request.user, deal=data["partnership"].deal, data=data)

    def perform_destroy(self, instance: Signature) -> None:
        services.delete_signature(actor=self.request.user, signature=instance)


class _ChildViewSet(ServiceViewSet):
    model: Any = None

    def base_queryset(self) -> QuerySet[Any]:
        return self.model.objects.select_related("deal")

    def save(self, serializer: Any, *, instance: Any | None) -> Any:
        data = dict(serializer.validated_data)
        deal = data.pop("deal", None) or instance.deal
        return services.save_child(
            actor=self.request.user, deal=deal, instance=instance or self.model(), data=data
        )

    def perform_destroy(self, instance: Any) -> None:
        services.delete_child(actor=self.request.user, deal=instance.deal, instance=instance)


class WorkingGroupViewSet(_ChildViewSet):
    model = WorkingGroup
    serializer_class = WorkingGroupSerializer
    filterset_fields = {"deal": "deal__slug"}

    def base_queryset(self) -> QuerySet[WorkingGroup]:
        return WorkingGroup.objects.select_related("deal").prefetch_related("members")


class MilestoneViewSet(_ChildViewSet):
    model = Milestone
    serializer_class = MilestoneSerializer
    filterset_fields = {"deal": "deal__slug", "status": "status"}


class DecisionViewSet(_ChildViewSet):
    model = Decision
    serializer_class = DecisionSerializer
    filterset_fields = {"deal": "deal__slug"}
