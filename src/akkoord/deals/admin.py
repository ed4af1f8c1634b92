"""Admin for staff. Changes made here are recorded in the audit trail too."""

from django.contrib import admin

from akkoord.common.admin import AuditedAdmin

from . import models


class PartnershipInline(admin.TabularInline):
    model = models.Partnership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "roles", "government_roles", "joined_on", "left_on"]


class MembershipInline(admin.TabularInline):
    model = models.DealMembership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(models.Deal)
class DealAdmin(AuditedAdmin):
    list_display = ["title", "kind", "status", "phase", "horizon_start", "horizon_end", "is_public"]
    list_filter = ["kind", "status", "phase", "is_public", "is_example"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["regions"]
    inlines = [MembershipInline, PartnershipInline]


@admin.register(models.DealMembership)
class DealMembershipAdmin(AuditedAdmin):
    list_display = ["deal", "user", "role", "organisation"]
    list_filter = ["role"]
    autocomplete_fields = ["deal", "user", "organisation"]


for model, fields in [
    (models.Partnership, ["organisation", "deal", "joined_on", "left_on"]),
    (models.Commitment, ["deal", "partnership", "kind", "pledged_amount", "delivered_amount", "status"]),
    (models.Signature, ["partnership", "stage", "signatory_name", "signed_on", "has_mandate"]),
    (models.ChairTerm, ["deal", "sequence", "stakeholder_type", "organisation", "starts_on"]),
    (models.WorkingGroup, ["deal", "name", "lead"]),
    (models.Milestone, ["deal", "title", "due_on", "status"]),
    (models.Decision, ["deal", "title", "decided_on", "decided_by"]),
    (models.CharterVersion, ["deal", "number", "status", "published_on"]),
    (models.CharterFeedback, ["version", "name", "status", "created_at"]),
    (models.ContributionRequest, ["deal", "question", "created_at"]),
    (models.ContributionInvitation, ["request", "partnership", "sent_at", "responded_at"]),
    (models.DealHistory, ["deal", "field", "old_value", "new_value", "on"]),
]:
    admin.site.register(model, type(f"{model.__name__}Admin", (AuditedAdmin,), {"list_display": fields}))
