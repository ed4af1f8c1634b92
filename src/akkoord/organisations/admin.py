from django.contrib import admin

from akkoord.common.admin import AuditedAdmin

from .models import Organisation, Person


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "stakeholder_type", "region", "is_example"]
    list_filter = ["stakeholder_type", "is_example"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["region"]
    inlines = [PersonInline]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "email"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation"]
