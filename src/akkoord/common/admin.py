"""Admin for staff: every save, inline change and delete is audited, and deletes follow the
rule of the house (refused while other records depend on the record)."""

from typing import Any

from django.contrib import admin

from . import audit
from .models import AuditEvent
from .services import blocking, delete_audited, describe


class AuditedAdmin(admin.ModelAdmin):
    def deal_of(self, obj: Any) -> Any:
        from django.apps import apps

        Deal = apps.get_model("deals", "Deal")
        if isinstance(obj, Deal):
            return obj
        for path in ("deal", "partnership", "indicator", "link", "event", "version", "area"):
            target = getattr(obj, path, None)
            if target is None:
                continue
            if isinstance(target, Deal):
                return target
            found = self.deal_of(target)
            if found is not None:
                return found
        return None

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        _save_audited(
            request.user,
            obj,
            self.deal_of(obj),
            lambda: super(AuditedAdmin, self).save_model(request, obj, form, change),
        )

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_audited(actor=request.user, instance=obj, deal=self.deal_of(obj))
        for obj in instances:
            _save_audited(request.user, obj, self.deal_of(obj), obj.save)
        formset.save_m2m()

    def get_deleted_objects(self, objs: Any, request: Any) -> Any:
        deleted, counts, perms, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            stopping = blocking(obj)
            if stopping:
                protected = [*protected, f"{obj}: {describe(stopping)}"]
        return deleted, counts, perms, protected

    def delete_model(self, request: Any, obj: Any) -> None:
        delete_audited(actor=request.user, instance=obj, deal=self.deal_of(obj))

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            delete_audited(actor=request.user, instance=obj, deal=self.deal_of(obj))


def _save_audited(actor: Any, obj: Any, deal: Any, save: Any) -> None:
    creating = obj.pk is None or not type(obj)._default_manager.filter(pk=obj.pk).exists()
    before = {} if creating else audit.snapshot(type(obj)._default_manager.get(pk=obj.pk))
    save()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=obj,
        deal=deal,
        changes=audit.diff(before, audit.snapshot(obj)),
    )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail is read-only, also for staff."""

    list_display = ["at", "actor_label", "action", "model", "object_repr", "deal"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_label"]
    date_hierarchy = "at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
