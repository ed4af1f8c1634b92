from django.contrib import admin

from akkoord.common.admin import AuditedAdmin

from .models import Area, FinanceModel


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    list_display = ["name", "region", "deal", "is_example"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FinanceModel)
class FinanceModelAdmin(AuditedAdmin):
    list_display = ["name", "area", "deal", "is_example"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
