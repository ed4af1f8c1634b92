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
from django.utils import timezone
from django_tasks import task

from akkoord.common import jobs

from . import report
from .models import ReportFile


def pdf_for(programme: str, year: int, html: str) -> ReportFile:
    """The stored PDF of this version of the report; queued for making when there is none."""
    key = hashlib.sha256(html.encode()).hexdigest()
    fields = {"programme": programme, "year": year, "html": html}
    return jobs.queue_once(ReportFile, key, fields, make_pdf, light=("pdf", "html"))


@task()
def make_pdf(report_id: int) -> str:
    return jobs.run_once(ReportFile, report_id, lambda stored: {"pdf": report.to_pdf(stored.html)})


@task()
def prune_reports() -> int:
    """Delete stored PDFs older than the finished tasks (derived data, periodic)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.TASK_RESULT_DAYS)
    n, _ = ReportFile.objects.filter(queued_at__lt=cutoff).delete()
    return n
