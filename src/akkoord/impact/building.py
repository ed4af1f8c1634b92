"""Programme reports as PDF, made in a task and stored (ReportFile), like finance results.

A programme's PDF takes seconds (WeasyPrint, a page per deal): the page renders the HTML,
whose digest is the version, and queues the PDF when that version has none yet; the page
then shows the state and polls until it can offer the file. The command line
(`akkoord report --programme`) still makes it at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from . import report
from .models import ReportFile


def pdf_for(programme: str, year: int, html: str) -> ReportFile:
    """The stored PDF of this version of the report; queued for making when there is none."""
    key = hashlib.sha256(html.encode()).hexdigest()
    found = ReportFile.objects.filter(digest=key).defer("pdf", "html").first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            found = ReportFile.objects.create(digest=key, programme=programme, year=year, html=html)
            make_pdf.enqueue(found.pk)  # the task row commits with the report row
    except IntegrityError:  # another request queued this version at the same moment
        return ReportFile.objects.defer("pdf", "html").get(digest=key)
    return ReportFile.objects.defer("pdf", "html").get(pk=found.pk)


@task()
def make_pdf(report_id: int) -> str:
    updated = ReportFile.objects.filter(pk=report_id, status=ReportFile.Status.QUEUED).update(
        status=ReportFile.Status.RUNNING, started_at=timezone.now()
    )
    if not updated:
        return "not queued"
    stored = ReportFile.objects.get(pk=report_id)
    try:
        pdf = report.to_pdf(stored.html)
    except Exception as exc:  # the page must say that it failed, not wait for ever
        ReportFile.objects.filter(pk=report_id).update(
            status=ReportFile.Status.FAILED, error=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    ReportFile.objects.filter(pk=report_id).update(
        status=ReportFile.Status.DONE, pdf=pdf, finished_at=timezone.now()
    )
    return "done"


@task()
def prune_reports() -> int:
    """Delete stored PDFs older than the finished tasks (derived data, periodic)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.TASK_RESULT_DAYS)
    n, _ = ReportFile.objects.filter(queued_at__lt=cutoff).delete()
    return n
