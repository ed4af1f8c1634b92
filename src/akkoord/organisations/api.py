from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from rest_framework import serializers, viewsets

from akkoord.common.services import save_audited

from .models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "slug",
            "stakeholder_type",
            "description",
            "website",
            "region",
            "source",
            "is_example",
        ]
        read_only_fields = ["slug"]


class OrganisationViewSet(viewsets.ModelViewSet):
    """Organisations. Anyone logged in may register one; only staff change or delete one."""

    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.select_related("region").order_by("name")
    filterset_fields = {"stakeholderType": "stakeholder_type"}

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = save_audited(
            actor=self.request.user, instance=Organisation(), data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer: Any) -> None:
        if not self.request.user.is_staff:
            raise PermissionDenied("Only staff may change an organisation.")
        serializer.instance = save_audited(
            actor=self.request.user, instance=serializer.instance, data=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: Organisation) -> None:
        if not self.request.user.is_staff:
            raise PermissionDenied("Only staff may delete an organisation.")
        from akkoord.common.services import delete_audited

        delete_audited(actor=self.request.user, instance=instance)
