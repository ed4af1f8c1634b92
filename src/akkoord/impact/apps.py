from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "akkoord.impact"
    verbose_name = _("impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import panels, todos

        hub.register_todos(self.label, todos.todos)
        hub.register_deal_panel(hub.DealPanel("impact", _("Impact"), 10, panels.render))
        hub.register_demo(self.label, 20, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_impact  # imported when the demo is loaded, not at start-up

    load_impact(actor)
