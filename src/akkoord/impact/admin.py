from django.contrib import admin

from akkoord.common.admin import AuditedAdmin

from .models import (
    ActiveIngredient,
    Ambition,
    Assumption,
    BeneficiaryGroup,
    Indicator,
    Link,
    Measurement,
    Narrative,
    Node,
    Readiness,
    Target,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class AssumptionInline(admin.TabularInline):
    model = Assumption
    extra = 0


class ActiveIngredientInline(admin.TabularInline):
    model = ActiveIngredient
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["code", "title", "deal", "measure", "ascending", "cumulative", "rolls_up"]
    list_filter = ["measure", "deal"]
    search_fields = ["code", "title"]
    inlines = [TargetInline]


@admin.register(Measurement)
class MeasurementAdmin(AuditedAdmin):
    list_display = ["indicator", "year", "value", "status", "is_example"]
    list_filter = ["status", "is_example"]


@admin.register(Link)
class LinkAdmin(AuditedAdmin):
    list_display = ["source", "target", "deal"]
    inlines = [AssumptionInline, ActiveIngredientInline]


for model in (Ambition, BeneficiaryGroup, Node, Narrative, Readiness):
    admin.site.register(model, AuditedAdmin)
