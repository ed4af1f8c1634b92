"""Writes of areas and finance models: who may, validated in full, audited."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from akkoord.common.services import delete_audited, save_audited
from akkoord.deals.models import Deal, DealMembership
from akkoord.deals.permissions import can_view, is_coordinator, visible_deals

from .models import Area, FinanceModel


def _deal_of(obj: Any) -> Any:
    if getattr(obj, "deal_id", None):
        return obj.deal
    area = getattr(obj, "area", None)
    return area.deal if area is not None and area.deal_id else None


def visible(qs: Any, user: Any) -> Any:
    """Areas and models of deals the user may see, and those of no deal."""
    deals = visible_deals(user).values("pk")
    qs = qs.filter(Q(deal__isnull=True) | Q(deal__in=deals))
    if qs.model is FinanceModel:
        qs = qs.filter(Q(area__isnull=True) | Q(area__deal__isnull=True) | Q(area__deal__in=deals))
    return qs


def can_see(user: Any, obj: Any) -> bool:
    deal = _deal_of(obj)
    return deal is None or can_view(user, deal)


def can_edit(user: Any, obj: Any) -> bool:
    """Superusers, coordinators of the deal it belongs to, and holders of the change permission."""
    if not getattr(user, "is_authenticated", False):
        return False
    deal = _deal_of(obj)
    if deal is not None and is_coordinator(user, deal):
        return True
    return _finance_editor(user, "area" if isinstance(obj, Area) else "financemodel")


def _finance_editor(user: Any, obj_kind: str) -> bool:
    return bool(user.is_superuser or user.has_perm(f"finance.change_{obj_kind}"))


def coordinated_deals(user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return Deal.objects.none()
    if user.is_superuser:
        return Deal.objects.all()
    return Deal.objects.filter(memberships__user=user, memberships__role=DealMembership.Role.COORDINATOR)


def editable_deals(user: Any) -> Any:
    """The deals a model or area of this user may belong to."""
    if getattr(user, "is_authenticated", False) and _finance_editor(user, "financemodel"):
        return visible_deals(user)
    return coordinated_deals(user).distinct()


def editable_areas(user: Any) -> Any:
    """The areas this user may attach a model to; private areas of others stay unnamed."""
    if not getattr(user, "is_authenticated", False):
        return Area.objects.none()
    if _finance_editor(user, "area"):
        return Area.objects.filter(Q(deal__isnull=True) | Q(deal__in=visible_deals(user).values("pk")))
    return Area.objects.filter(deal__in=coordinated_deals(user).values("pk"))


def can_upload(user: Any) -> bool:
    """Finance editors, and coordinators (for the models of their deals)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.has_perm("finance.add_financemodel") or coordinated_deals(user).exists()


def require_editor(user: Any, obj: Any) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied(_("Only a coordinator of its deal or a finance editor may change this."))


def save(*, actor: Any, instance: Any, data: dict[str, Any]) -> Any:
    """Create or change an area or a finance model.

    The actor must be allowed to edit it as it is now and as it will be (moving a model to
    another deal needs rights on both).
    """
    if instance.pk is not None:
        require_editor(actor, instance)
    probe = copy.copy(instance)
    for name, value in data.items():
        setattr(probe, name, value)
    require_editor(actor, probe)
    if isinstance(instance, FinanceModel) and instance.pk is None:
        data = {**data, "created_by": actor}
    return save_audited(actor=actor, instance=instance, data=data, deal=_deal_of(probe))


def delete(*, actor: Any, instance: Any) -> None:
    require_editor(actor, instance)
    delete_audited(actor=actor, instance=instance, deal=_deal_of(instance))
