from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormsConfig(AppConfig):
    name = "akkoord.norms"
    verbose_name = _("facility norms")
    default_auto_field = "django.db.models.BigAutoField"
