from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "akkoord.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from akkoord.web import themes  # noqa: F401  # registers the theme check
