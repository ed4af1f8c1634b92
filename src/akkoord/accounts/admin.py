from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from akkoord.common.admin import AuditedAdmin

from .models import ApiToken

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    """Users as Django's admin shows them, with every change audited. A user who took part in a
    deal is deactivated rather than deleted: the delete is refused while records depend on them."""


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their owners; staff only see and revoke them (through the API or page)."""

    list_display = ["hint", "name", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = list_display

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
