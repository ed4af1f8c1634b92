from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DealsConfig(AppConfig):
    name = "akkoord.deals"
    verbose_name = _("Deals")

    def ready(self) -> None:
        from akkoord.common.hub import register_todos

        from . import todos

        register_todos(self.label, todos.todos)
