from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KennisConfig(AppConfig):
    name = "akkoord.kennis"
    verbose_name = _("knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from akkoord.common import hub

        from . import documents, panels

        documents.connect()
        hub.register_deal_panel(hub.DealPanel("knowledge", _("Knowledge"), 80, panels.render, at_end=True))
        hub.register_event_panel(
            hub.DealPanel("meeting", _("Reading, notes and follow-up"), 10, panels.render_event)
        )
        hub.register_phase_note(self.label, _phase_note)
        hub.register_demo(self.label, 90, _load_demo)
        hub.register_derived(self.label, ("kennis.searchdocument", "kennis.searchfacet"), documents.rebuild)


def _load_demo(actor: object) -> None:
    from .demo import load_kennis  # imported when the demo is loaded, not at start-up

    load_kennis(actor)


def _phase_note(request: object, deal: object) -> str:
    from .scaling import phase_note  # the pages (and their charts) load when a deal page is drawn

    return phase_note(request, deal)  # type: ignore[arg-type]
