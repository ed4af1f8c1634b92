from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [path("<slug:slug>/beoordeling/", views.add, name="add")]
