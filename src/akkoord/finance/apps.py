from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "akkoord.finance"
    verbose_name = _("area finance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import panels

        hub.register_deal_panel(hub.DealPanel("money", _("Money"), 20, panels.render))
        hub.register_demo(self.label, 30, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_finance  # imported when the demo is loaded, not at start-up

    load_finance(actor)
