from django.contrib import admin

from .models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province", "labour_market_region"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "kind", "year"]
