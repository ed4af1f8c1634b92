from django.urls import path

from . import views

app_name = "norms"
urlpatterns = [
    path("<slug:slug>/", views.norm_set, name="set"),
    path("<slug:slug>/bewerken/", views.norm_set_edit, name="set_edit"),
    path("gebied/<slug:slug>/normen.<str:fmt>", views.area_result, name="area_result"),
]
