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

        # Every write of the platform's data raises the data version of the page cache.
        from django.db import connections
        from django.db.backends.signals import connection_created

        from . import pagecache

        connection_created.connect(pagecache.install, dispatch_uid="akkoord-page-cache")
        for connection in connections.all(initialized_only=True):
            pagecache.install(connection)
