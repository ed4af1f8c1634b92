from django.contrib import admin

from akkoord.common.admin import AuditedAdmin

from .models import Event, Registration, SessionLead, WorkSession


class SessionLeadInline(admin.TabularInline):
    model = SessionLead
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    list_display = ["title", "kind", "starts_at", "deal", "registration_open"]
    list_filter = ["kind", "registration_open"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(WorkSession)
class WorkSessionAdmin(AuditedAdmin):
    list_display = ["event", "number", "title", "capacity_min", "capacity_max", "requires_mandate"]
    list_filter = ["event"]
    inlines = [SessionLeadInline]


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ["name", "organisation", "event", "stakeholder_type", "status", "session", "locked"]
    list_filter = ["event", "status", "stakeholder_type"]
    search_fields = ["name", "organisation", "email"]
