from django.urls import path

from . import twofactor, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("tokens/<id:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("two-factor/", twofactor.two_factor, name="two_factor"),
    path("login/code/", twofactor.login_code, name="login_code"),
]
