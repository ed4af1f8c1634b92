from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "akkoord.impact"
    verbose_name = _("impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common.hub import register_todos

        from . import todos

        register_todos(self.label, todos.todos)
