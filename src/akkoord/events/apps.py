from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "akkoord.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from akkoord.common import hub

        from . import panels, todos

        hub.register_todos(self.label, todos.todos)
        hub.register_deal_panel(hub.DealPanel("events", _("Events"), 90, panels.render, at_end=True))
        hub.register_demo(self.label, 10, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_event  # imported when the demo is loaded, not at start-up

    load_event(actor)
