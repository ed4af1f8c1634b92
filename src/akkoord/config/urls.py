from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from akkoord.accounts import oidc
from akkoord.accounts import views as account_views

urlpatterns = [
    path("", include("akkoord.site.urls")),
    path("privacy/", include("akkoord.privacy.urls")),
    path("deals/", include("akkoord.deals.urls")),
    path("events/", include("akkoord.events.urls")),
    path("impact/", include("akkoord.impact.urls")),
    path("finance/", include("akkoord.finance.urls")),
    path("normen/", include("akkoord.norms.urls")),
    path("gebieden/", include("akkoord.quality.urls")),
    path("kennis/", include("akkoord.kennis.urls")),
    path("api/v1/", include("akkoord.api.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(template_name="accounts/password_reset_confirm.html"),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("accounts/", include("akkoord.accounts.urls")),
    path("oidc/authenticate/", oidc.authenticate, name="oidc_authentication_init"),
    path("oidc/callback/", oidc.callback, name="oidc_authentication_callback"),
    # Choosing a language changes nothing but a cookie: no CSRF token, so that every page
    # without a form is the same for all anonymous readers and can be cached (common/pagecache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
]

handler404 = "akkoord.site.views.not_found"
handler403 = "akkoord.site.views.forbidden"
handler500 = "akkoord.site.views.server_error"
