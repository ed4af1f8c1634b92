from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "akkoord.consent"
    verbose_name = _("consent for collective measures")
    default_auto_field = "django.db.models.BigAutoField"
