"""Read side of the impact monitor: each indicator's actual value, progress and trend in a year.

Only approved measurements count. The engine (``akkoord.engines.impact``) does
the arithmetic; this module fetches the rows in a fixed number of queries.

Which target an indicator is scored against in ``year``: the first target in
or after that year (its own period), else the last one. The line runs from the
baseline year and value to that target's year and value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.engines.impact import (
    COLOURS,
    Aggregate,
    ImpactInputError,
    Progress,
    Trend,
    Value,
    progress,
    roll_up,
    to_date,
    trend,
    worst,
)
from akkoord.impact.messages import describe

from .models import ActiveIngredient, Ambition, Indicator, Measurement, Readiness, Target

STATUS_LABELS = {
    "achieved": gettext_lazy("achieved"),
    "on_track": gettext_lazy("on track"),
    "acceleration_needed": gettext_lazy("acceleration needed"),
    "limited": gettext_lazy("limited progress"),
    "deterioration": gettext_lazy("deterioration"),
    "no_data": gettext_lazy("no data"),
}


@dataclass
class IndicatorView:
    indicator: Indicator
    year: int
    actual: Aggregate
    target: Target | None
    progress: Progress | None
    trend: Trend | None
    series: list[tuple[int, float]]  # the value to date at the end of each measured year
    error: str = ""  # why it cannot be scored (for example: target equals the baseline)
    children: list[str] = field(default_factory=list)  # deals rolled up

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else "no_data"

    @property
    def colour(self) -> str:
        return COLOURS[self.status]

    def chart_args(self) -> tuple[tuple[int, ...], tuple[float, ...], Any, Any] | None:
        """(years, values, baseline point, target point) for a trend chart; None with nothing to draw."""
        ind = self.indicator
        baseline = (
            (ind.baseline_year, float(ind.baseline_value or 0)) if ind.baseline_year is not None else None
        )
        target = (
            (self.target.year, float(self.target.value))
            if self.target and self.target.value is not None
            else None
        )
        if not self.series and not (baseline and target):
            return None
        return tuple(y for y, _ in self.series), tuple(x for _, x in self.series), baseline, target

    @property
    def chart_label(self) -> str:
        return _("%(code)s: measured values and the line from baseline to target") % {
            "code": self.indicator.code
        }


def _values(measurements: list[Measurement]) -> list[Value]:
    return [Value(m.year, m.value, m.numerator, m.denominator, m.text) for m in measurements]


def _target_for(targets: list[Target], year: int) -> Target | None:
    usable = [t for t in targets if t.value is not None]
    if not usable:
        return None
    later = [t for t in usable if t.year >= year]
    return later[0] if later else usable[-1]


def indicator_views(deal: Any, year: int) -> list[IndicatorView]:
    """Every indicator of ``deal`` scored in ``year``; a handful of queries whatever the size."""
    approved = Measurement.objects.filter(status=Measurement.Status.APPROVED).order_by("year", "id")
    indicators = list(
        Indicator.objects.filter(deal=deal)
        .select_related("node", "ambition", "responsible__organisation")
        .prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("year")),
            Prefetch("measurements", queryset=approved, to_attr="approved"),
        )
    )
    rolled = [i for i in indicators if i.rolls_up]
    child_values: dict[str, list[tuple[str, list[Measurement]]]] = defaultdict(list)
    if rolled:
        codes = {i.code for i in rolled}
        for child in (
            Indicator.objects.filter(deal__parent=deal, code__in=codes)
            .select_related("deal")
            .prefetch_related(Prefetch("measurements", queryset=approved, to_attr="approved"))
        ):
            child_values[child.code].append((child.deal.title, list(child.approved)))
    return [_view(i, year, child_values.get(i.code, [])) for i in indicators]


def _view(indicator: Indicator, year: int, children: list[tuple[str, list[Measurement]]]) -> IndicatorView:
    measure, cumulative = indicator.measure, indicator.cumulative
    if indicator.rolls_up:

        def at(y: int) -> Aggregate:
            return roll_up(measure, [to_date(measure, cumulative, _values(ms), y) for _, ms in children])

        years = sorted({m.year for _, ms in children for m in ms})
    else:
        values = _values(list(getattr(indicator, "approved", [])))

        def at(y: int) -> Aggregate:
            return to_date(measure, cumulative, values, y)

        years = sorted({v.year for v in values})
    targets = list(indicator.targets.all())
    target = _target_for(targets, year)
    view = IndicatorView(
        indicator, year, Aggregate(None), target, None, None, [], children=[t for t, _ in children]
    )
    try:
        view.actual = at(year)
        view.series = [(y, float(a.value)) for y in years if y <= year and (a := at(y)).value is not None]
    except ImpactInputError as exc:
        view.error = describe(exc)
        return view
    if measure == Indicator.Measure.QUALITATIVE or indicator.baseline_year is None or target is None:
        return view
    baseline = float(indicator.baseline_value or 0)
    try:
        view.progress = progress(
            baseline, float(target.value or 0), view.actual.value, indicator.baseline_year, target.year, year
        )
        view.trend = trend(view.series, float(target.value or 0), baseline, target.year)
    except ImpactInputError as exc:
        view.error = describe(exc)
    return view


def ambition_statuses(
    deal: Any, views: list[IndicatorView]
) -> list[tuple[Ambition, str, list[IndicatorView]]]:
    """Each ambition with the status of its weakest indicator."""
    by_ambition: dict[int | None, list[IndicatorView]] = defaultdict(list)
    for v in views:
        by_ambition[v.indicator.ambition_id].append(v)
    out = []
    for ambition in Ambition.objects.filter(deal=deal):
        mine = by_ambition.get(ambition.pk, [])
        out.append((ambition, worst([v.status for v in mine]), mine))
    return out


@dataclass
class ReadinessCheck:
    """Ready to secure and scale (seed 003)? Four checks, each with what backs it."""

    items: list[tuple[str, bool, str]]  # (check, met, detail)

    @property
    def ready(self) -> bool:
        return all(ok for _, ok, _ in self.items)


def readiness(deal: Any) -> ReadinessCheck:
    ingredients = list(ActiveIngredient.objects.filter(link__deal=deal).values_list("name", flat=True))
    r = Readiness.objects.filter(deal=deal).first()
    partners = [line.strip() for line in (r.scaling_partners if r else "").splitlines() if line.strip()]
    return ReadinessCheck(
        [
            (_("Active ingredients named"), bool(ingredients), "; ".join(ingredients)),
            (_("An owner has taken it on"), bool(r and r.owner_secured), r.owner if r else ""),
            (_("Funding is secured"), bool(r and r.funding_secured), r.funding if r else ""),
            (_("Scaling partners named"), bool(partners), "; ".join(partners)),
        ]
    )
