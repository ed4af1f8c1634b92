"""`akkoord worker`: run background tasks (django-tasks-db's worker) and queue periodic jobs.

Every queue by default. Besides the tasks, a thread queues the periodic jobs of
``settings.PERIODIC_TASKS`` once a minute; several workers may run, each job is still queued
once per period (common.jobs.enqueue_due). SIGTERM lets the running task finish first.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from akkoord.common import jobs
from akkoord.common.commands import AkkoordCommand


def _schedule(stop: threading.Event, every: float) -> None:
    while not stop.is_set():
        try:
            jobs.enqueue_due()
        except Exception:  # the schedule must outlive a passing database error
            jobs.log.exception("queueing periodic jobs failed")
        finally:
            connection.close()
        stop.wait(every)


class Command(AkkoordCommand, DbWorker):
    help = gettext_lazy(
        "Run background tasks (assignment runs, finance results, e-mail) and queue periodic jobs."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*", reload=False)
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help=_("Do not queue the periodic jobs from this worker."),
        )
        parser.add_argument(
            "--periodic-every",
            type=float,
            default=60.0,
            help=_("Seconds between looks at the periodic jobs (default: 60)."),
        )

    def handle(self, *args: Any, no_periodic: bool, periodic_every: float, **options: Any) -> None:
        if not no_periodic and not options.get("batch"):
            stop = threading.Event()
            threading.Thread(target=_schedule, args=(stop, periodic_every), daemon=True).start()
        super().handle(*args, **options)
