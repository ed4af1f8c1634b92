from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their owners; staff only see and revoke them (through the API or page)."""

    list_display = ["hint", "name", "user", "created_at", "expires_at", "last_used_at", "revoked_at"]
    readonly_fields = list_display

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
