from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("tokens/<id:pk>/revoke/", views.revoke_token, name="revoke_token"),
]
