from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "akkoord.kennis"
    verbose_name = _("knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import documents

        documents.connect()
        hub.register_demo(self.label, 90, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_kennis  # imported when the demo is loaded, not at start-up

    load_kennis(actor)
