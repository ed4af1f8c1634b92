from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "akkoord.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from django.urls import register_converter

        from .query import IdConverter, YearConverter

        # Bounded numbers in web addresses (<id:pk>, <year:year>), before any URLconf loads.
        register_converter(IdConverter, "id")
        register_converter(YearConverter, "year")
