from django.urls import path

from . import views

app_name = "deals"
urlpatterns = [
    path("", views.deal_list, name="list"),
    path("new/", views.deal_create, name="create"),
    path("contribute/<str:token>/", views.contribute, name="contribute"),
    path("<slug:slug>/", views.deal_detail, name="detail"),
    path("<slug:slug>/edit/", views.deal_edit, name="edit"),
    path("<slug:slug>/change/<str:field>/", views.deal_transition, name="transition"),
    path("<slug:slug>/partners/add/", views.partner_form, name="partner_add"),
    path("<slug:slug>/partners/import/", views.partner_import, name="partner_import"),
    path("<slug:slug>/partners/<id:pk>/", views.partner_form, name="partner_edit"),
    path("<slug:slug>/commitments/add/", views.commitment_form, name="commitment_add"),
    path("<slug:slug>/commitments/<id:pk>/", views.commitment_form, name="commitment_edit"),
    path("<slug:slug>/signatures/add/", views.signature_add, name="signature_add"),
    path("<slug:slug>/chair/generate/", views.chair_generate, name="chair_generate"),
    path("<slug:slug>/charter/", views.charter, name="charter"),
    path("<slug:slug>/charter/new/", views.charter_form, name="charter_new"),
    path("<slug:slug>/charter/<id:number>/", views.charter, name="charter_version"),
    path("<slug:slug>/charter/<id:number>/edit/", views.charter_form, name="charter_edit"),
    path("<slug:slug>/charter/<id:number>/<str:action>/", views.charter_action, name="charter_action"),
    path("<slug:slug>/feedback/<id:pk>/moderate/", views.feedback_moderate, name="feedback_moderate"),
    path("<slug:slug>/contributions/", views.contributions, name="contributions"),
    path("<slug:slug>/contributions/ask/", views.contribution_request, name="contribution_request"),
    path("<slug:slug>/audit/", views.audit_trail, name="audit"),
    path("<slug:slug>/team/", views.team, name="team"),
    path("invitation/<str:key>/", views.invitation, name="invitation"),
    path("<slug:slug>/team/<id:pk>/remove/", views.team_remove, name="team_remove"),
    path("<slug:slug>/export.<str:fmt>", views.export, name="export"),
    path("<slug:slug>/<str:kind>/add/", views.child_form, name="child_add"),
    path("<slug:slug>/<str:kind>/<id:pk>/", views.child_form, name="child_edit"),
    path("<slug:slug>/<str:kind>/<id:pk>/delete/", views.child_delete, name="child_delete"),
]
