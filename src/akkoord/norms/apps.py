from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormsConfig(AppConfig):
    name = "akkoord.norms"
    verbose_name = _("facility norms")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import panels
        from .models import AreaPopulation

        hub.register_parts("finance.Area", AreaPopulation)
        hub.register_area_panel(hub.DealPanel("norms", _("Facilities by norm"), 10, panels.render))
        hub.register_demo(self.label, 35, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_norms  # imported when the demo is loaded, not at start-up

    load_norms(actor)
