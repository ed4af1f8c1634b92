"""Results of a finance model, computed once per version in a task and stored (ModelResult).

A version is the model's definition together with the analysis asked for (the number of
Monte Carlo draws): its digest keys the stored result, so a changed stream is a new version
and an unchanged model is never computed twice. Pages read the stored result; while it is
being computed they show its state and poll. Charts of a result are cached per version and
language (the cache, Redis in production).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tasks import task

from akkoord.common import jobs
from akkoord.engines.finance import evaluate

from .models import FinanceModel, ModelResult

# The Monte Carlo sizes a page may ask for: each is a stored result, so the set is closed.
DRAW_CHOICES = (0, 200, 500, 1000, 2000, 5000, 10_000, 20_000)
SEED = 0
ENGINE = "1"  # raise when the engine's outputs change, so stored results are computed again


def draws_problem(draws: int) -> str | None:
    """Why ``draws`` cannot be asked for, or None when it is one of the stored sizes."""
    if draws in DRAW_CHOICES:
        return None
    return _("Choose one of %(choices)s.") % {"choices": ", ".join(str(d) for d in DRAW_CHOICES)}


def digest(definition: dict[str, Any], draws: int) -> str:
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{ENGINE}|{SEED}|{draws}|{text}".encode()).hexdigest()


def result_for(fm: FinanceModel, draws: int) -> ModelResult:
    """The stored result of this version of ``fm``; queued for computing when there is none."""
    fields = {"draws": draws, "definition": fm.definition}
    return jobs.queue_once(ModelResult, digest(fm.definition, draws), fields, compute)


@task()
def compute(result_id: int) -> str:
    """Evaluate one version (deterministic outputs, Monte Carlo and Sobol) and store it."""

    def evaluated(stored: ModelResult) -> dict[str, Any]:
        fm = FinanceModel(definition=stored.definition)
        return {"result": evaluate(fm.model(), draws=stored.draws, seed=SEED, keep_draws=True)}

    return jobs.run_once(ModelResult, result_id, evaluated)


def cached_charts(result: ModelResult, draw: Any) -> dict[str, str]:
    """``draw()`` once per version and language; later views read the SVG from the cache."""
    key = f"finance-charts:{result.digest}:{get_language()}"
    charts = cache.get(key)
    if charts is None:
        charts = draw()
        cache.set(key, charts, timeout=7 * 24 * 3600)
    return charts


@task()
def prune_results() -> int:
    """Delete stored results of versions no model has any more (derived data, periodic)."""
    current = {digest(fm.definition, d) for fm in FinanceModel.objects.all() for d in DRAW_CHOICES}
    cutoff = timezone.now() - dt.timedelta(days=settings.TASK_RESULT_DAYS)
    n, _ = ModelResult.objects.filter(queued_at__lt=cutoff).exclude(digest__in=current).delete()
    return n
