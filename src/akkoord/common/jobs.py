"""Background work: tasks on django-tasks, queued in the database (django-tasks-db).

Why the database as the queue (docs/architecture.md): a task is a row written in the same
transaction as the data it is about, so a worker only ever sees work whose data was committed,
and a rolled-back request leaves no task behind (a transactional outbox); a restart of the
web or the worker loses nothing; the embedded SQLite demo needs no extra server.

* :func:`retry` enqueues a task again later, with a growing delay, up to ``MAX_ATTEMPTS``.
* :func:`enqueue_due` queues the periodic jobs of ``settings.PERIODIC_TASKS`` whose time has
  come, once per period however many workers call it (a unique row per period and job).
* ``akkoord worker`` runs the tasks and, in a thread, calls :func:`enqueue_due` every minute.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def backoff(attempt: int) -> dt.timedelta:
    """Delay before attempt ``attempt + 1``: 1, 5, 25, 125 minutes.

    >>> [int(backoff(n).total_seconds() // 60) for n in (1, 2, 3, 4)]
    [1, 5, 25, 125]
    """
    return dt.timedelta(minutes=5 ** (attempt - 1))


def retry(task: Any, *, attempt: int, **kwargs: Any) -> bool:
    """Enqueue ``task`` again as attempt ``attempt + 1``; False when the attempts are used up."""
    if attempt >= MAX_ATTEMPTS:
        return False
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + backoff(attempt))
    task.enqueue(attempt=attempt + 1, **kwargs)
    return True


def _slot(now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    """The start of the period ``now`` falls in, counted from the epoch in UTC."""
    seconds = int(every.total_seconds())
    stamp = int(now.timestamp()) // seconds * seconds
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Queue each periodic job not yet queued in its current period; returns their names."""
    from .models import PeriodicRun

    now = now or timezone.now()
    queued = []
    for name, (path, every) in settings.PERIODIC_TASKS.items():
        slot = _slot(now, every)
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(name=name, slot=slot)
                import_string(path).enqueue()
        except IntegrityError:
            continue  # another worker queued it for this period
        queued.append(name)
        log.info("queued periodic job %s for %s", name, slot.isoformat())
    return queued


@task()
def prune_tasks() -> int:
    """Delete finished tasks (their arguments hold e-mail texts) and old periodic rows."""
    from django_tasks_db.models import DBTaskResult

    from .models import PeriodicRun

    cutoff = timezone.now() - dt.timedelta(days=settings.TASK_RESULT_DAYS)
    n, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    PeriodicRun.objects.filter(slot__lt=cutoff).delete()
    return n


# --- results stored once per version (finance results, programme PDFs) -----------------------
# A model with ``digest`` (unique), ``status`` (queued, running, done, failed), ``error``,
# ``started_at`` and ``finished_at``: the first request for a version queues its task, later
# ones read the row; the task runs once even if queued twice.


def queue_once(
    model: Any, digest: str, fields: dict[str, Any], work: Any, *, light: tuple[str, ...] = ()
) -> Any:
    """The stored row of this version; created and its task ``work`` queued when there is none.

    ``light`` names heavy fields that the caller need not load (a PDF, a definition).
    """
    rows = model.objects.defer(*light)
    found = rows.filter(digest=digest).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            created = model.objects.create(digest=digest, **fields)
            work.enqueue(created.pk)  # the task row commits with the result row
    except IntegrityError:  # another request queued this version at the same moment
        return rows.get(digest=digest)
    return rows.get(pk=created.pk)


def run_once(model: Any, pk: int, work: Any) -> str:
    """In the task: mark the row running, store what ``work(row)`` returns, or the failure."""
    if not model.objects.filter(pk=pk, status="queued").update(status="running", started_at=timezone.now()):
        return "not queued"
    try:
        values = work(model.objects.get(pk=pk))
    except Exception as exc:  # the page must say that it failed, not wait for ever
        model.objects.filter(pk=pk).update(status="failed", error=str(exc)[:500], finished_at=timezone.now())
        raise
    model.objects.filter(pk=pk).update(status="done", finished_at=timezone.now(), **values)
    return "done"
