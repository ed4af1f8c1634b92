from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "akkoord.quality"
    verbose_name = _("social quality of areas")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import panels
        from .models import Review, Score

        hub.register_parts("finance.Area", Review, Score)
        hub.register_area_panel(hub.DealPanel("quality", _("Social quality"), 20, panels.render))
        hub.register_demo(self.label, 36, _load_demo)


def _load_demo(actor: object) -> None:
    from .demo import load_reviews  # imported when the demo is loaded, not at start-up

    load_reviews(actor)
