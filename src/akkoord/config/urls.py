from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("", include("akkoord.web.urls")),
    path("deals/", include("akkoord.deals.urls")),
    path("events/", include("akkoord.events.urls")),
    path("impact/", include("akkoord.impact.urls")),
    path("finance/", include("akkoord.finance.urls")),
    path("api/v1/", include("akkoord.api.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler404 = "akkoord.web.views.not_found"
handler403 = "akkoord.web.views.forbidden"
handler500 = "akkoord.web.views.server_error"
