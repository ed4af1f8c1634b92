"""Django's admin app with the site that asks for the second factor (accounts/twofactor.py)."""

from django.contrib.admin.apps import AdminConfig


class AdminWithTwoFactor(AdminConfig):
    default_site = "akkoord.accounts.twofactor.TwoFactorAdminSite"
