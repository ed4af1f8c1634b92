from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.monitor, name="monitor"),
    path("<slug:slug>/results.xml", views.results_xml, name="results_xml"),
    path("<slug:slug>/report-<year:year>.<str:fmt>", views.report_download, name="report"),
    path(
        "programme/<str:name>/report-<year:year>.<str:fmt>", views.programme_report, name="programme_report"
    ),
    path("<slug:slug>/<str:code>/values/add/", views.measurement_form, name="measurement_add"),
    path("<slug:slug>/<str:code>/values/<id:pk>/", views.measurement_form, name="measurement_edit"),
    path("<slug:slug>/values/<id:pk>/<str:action>/", views.measurement_action, name="measurement_action"),
    path("<slug:slug>/edit/<str:kind>/", views.part_form, name="part_add"),
    path("<slug:slug>/edit/<str:kind>/<id:pk>/", views.part_form, name="part_edit"),
    path("<slug:slug>/edit/<str:kind>/<id:pk>/delete/", views.part_delete, name="part_delete"),
]
