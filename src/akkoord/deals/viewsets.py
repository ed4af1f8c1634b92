"""A model viewset whose writes go through the app's services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from akkoord.deals.permissions import visible_deals


class ServiceViewSet(viewsets.ModelViewSet):
    """Reads filter to visible deals; subclasses route writes to services."""

    deal_path = "deal"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        deals = visible_deals(self.request.user).values("pk")
        return self.base_queryset().filter(**{f"{self.deal_path}__in": deals})

    def save(self, serializer: Any, *, instance: Any | None) -> Any:
        raise NotImplementedError

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = self.save(serializer, instance=None)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = self.save(serializer, instance=serializer.instance)
