"""Writes of areas and finance models: who may, validated in full, audited."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from akkoord.common.services import delete_audited, save_audited
from akkoord.deals.permissions import can_view, is_coordinator

from .models import Area, FinanceModel


def _deal_of(obj: Any) -> Any:
    if getattr(obj, "deal_id", None):
        return obj.deal
    area = getattr(obj, "area", None)
    return area.deal if area is not None and area.deal_id else None


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
    perm = "finance.change_area" if isinstance(obj, Area) else "finance.change_financemodel"
    return bool(user.is_superuser or user.has_perm(perm))


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
