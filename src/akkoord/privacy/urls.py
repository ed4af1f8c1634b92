from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [path("deals/<slug:slug>/", views.deal_requests, name="deal")]
