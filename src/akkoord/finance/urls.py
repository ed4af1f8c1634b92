from django.urls import path

from . import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("upload/", views.upload, name="upload"),
    path("instrumenten/<slug:kind>/", views.instrument, name="instrument"),
    path("areas/new/", views.area_form, name="area_add"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("areas/<slug:slug>/edit/", views.area_form, name="area_edit"),
    path("models/<slug:slug>/", views.model, name="model"),
    path("models/<slug:slug>/edit/", views.edit, name="edit"),
    path("models/<slug:slug>/delete/", views.delete_model, name="delete"),
    path("models/<slug:slug>/model.<str:fmt>", views.download, name="download"),
]
