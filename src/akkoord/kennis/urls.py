from django.urls import path

from . import scaling, views

app_name = "kennis"
urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search_page, name="search"),
    path("voorbeelden/", views.case_list, name="cases"),
    path("voorbeelden/nieuw/", views.case_form, name="case_add"),
    path("voorbeelden/<slug:slug>/", views.case_detail, name="case"),
    path("voorbeelden/<slug:slug>/bewerken/", views.case_form, name="case_edit"),
    path("voorbeelden/<slug:slug>/<str:kind>/toevoegen/", views.part_form, name="part_add"),
    path("voorbeelden/<slug:slug>/<str:kind>/<id:pk>/verwijderen/", views.part_delete, name="part_delete"),
    path("voorbeelden/<slug:slug>/status/<str:action>/", views.case_action, name="case_action"),
    path("netwerk/", views.network, name="network"),
    path("opschaling/<slug:slug>/", scaling.overview, name="scaling"),
    path("opschaling/<slug:slug>/partij/", scaling.stakeholder_form, name="stakeholder_add"),
    path(
        "opschaling/<slug:slug>/partij/<id:pk>/verwijderen/",
        scaling.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path("opschaling/<slug:slug>/diversiteit/", scaling.diversity_form, name="diversity_rate"),
    path("opschaling/<slug:slug>/fase/<str:phase>/", scaling.phase_form, name="phase_readiness"),
    path("bijeenkomsten/<slug:slug>/", views.meeting_form, name="meeting_edit"),
    path("publicaties/", views.publications, name="publications"),
    path("publicaties/nieuw/", views.publication_add, name="publication_add"),
    path("lessen/", views.lessons, name="lessons"),
    path("lessen/<id:pk>/voorbeeld/", views.promote_lesson, name="promote"),
    path("dwarsverbanden/<slug:slug>/nieuw/", views.cross_link_form, name="cross_link_add"),
    path("dwarsverbanden/<slug:slug>/voorstel/", views.suggestion_answer, name="suggestion_answer"),
    path(
        "dwarsverbanden/<slug:slug>/<id:pk>/verwijderen/", views.cross_link_delete, name="cross_link_delete"
    ),
    path("belemmeringen/", views.barrier_list, name="barriers"),
    path("belemmeringen/<slug:slug>/", views.barrier_detail, name="barrier"),
]
