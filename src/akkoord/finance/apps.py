from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "akkoord.finance"
    verbose_name = _("area finance")
    default_auto_field = "django.db.models.BigAutoField"
