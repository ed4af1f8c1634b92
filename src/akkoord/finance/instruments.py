"""The three area instruments of seed 002 on the web: service charge, plinth, shared facility.

Each has a page where a reader enters the figures (a GET form: nothing is stored, so anyone may
try it) and sees the result, a chart and an explanation in plain Dutch; the same charts show
on a finance model's page when the model holds the instrument (``charts_for``).
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.fields import LocalFloatField
from akkoord.engines.finance import ModelError, Tier, UserGroup, plinth, service_charge, shared_facility
from akkoord.web import charts

from .messages import describe

ROWS = 5  # rows for tiers or user groups; empty ones are left out
EXAMPLE = gettext_lazy("Example figures, invented; change them to yours.")


def _money(label: Any, **kwargs: Any) -> LocalFloatField:
    return LocalFloatField(label=label, min_value=0, max_value=1e12, **kwargs)


class ServiceChargeForm(forms.Form):
    annual_cost = _money(gettext_lazy("Cost of the shared services per year (€)"), initial=1_200_000)
    floor_area = _money(gettext_lazy("Floor area that pays (m²)"), initial=50_000)
    paying_share = LocalFloatField(
        label=gettext_lazy("Share of the owners that pays"),
        min_value=0.01,
        max_value=1,
        initial=0.8,
        help_text=gettext_lazy("For example 0.8: one in five owners does not pay (free riders)."),
    )


class _RowsForm(forms.Form):
    """A form with up to ROWS rows of a name and numbers (tiers, user groups); empty rows are left out."""

    row: str  # the prefix of the rows' fields
    name_label: Any  # with %(n)s
    default_name: Any  # with %(n)s
    columns: tuple[tuple[str, Any, float, float], ...]  # field, label with %(n)s, minimum, maximum
    examples: tuple[tuple[Any, ...], ...]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for k in range(ROWS):
            example = self.examples[k] if k < len(self.examples) else ("", *([None] * len(self.columns)))
            n = {"n": k + 1}
            self.fields[f"{self.row}_{k}_name"] = forms.CharField(
                label=str(self.name_label) % n, max_length=60, required=False, initial=example[0]
            )
            for (column, label, low, high), initial in zip(self.columns, example[1:], strict=True):
                self.fields[f"{self.row}_{k}_{column}"] = LocalFloatField(
                    label=str(label) % n, min_value=low, max_value=high, required=False, initial=initial
                )

    def rows(self) -> list[tuple[Any, ...]]:
        """(name, numbers…) of every row with all its numbers given."""
        d, out = self.cleaned_data, []
        for k in range(ROWS):
            values = [d.get(f"{self.row}_{k}_{column}") for column, *_rest in self.columns]
            if all(v is not None for v in values):
                out.append((d[f"{self.row}_{k}_name"] or str(self.default_name) % {"n": k + 1}, *values))
        return out


class PlinthForm(_RowsForm):
    head_lease = _money(gettext_lazy("Head lease per m² per year (€)"), initial=100)
    row, name_label, default_name = "tier", gettext_lazy("Tier %(n)s: name"), gettext_lazy("tier %(n)s")
    columns = (
        ("area", gettext_lazy("Tier %(n)s: m²"), 0, 1e12),
        ("rent", gettext_lazy("Tier %(n)s: rent per m² per year (€)"), 0, 1e12),
    )
    examples = (("ketens", 4000, 180), ("lokaal", 6000, 50))

    def tiers(self) -> list[Tier]:
        return [Tier(name, area, rent) for name, area, rent in self.rows() if area]


class SharedFacilityForm(_RowsForm):
    investment = _money(gettext_lazy("Investment (€)"), initial=10_000_000)
    life = forms.IntegerField(label=gettext_lazy("Life in years"), min_value=1, max_value=200, initial=40)
    rate = LocalFloatField(label=gettext_lazy("Interest rate"), min_value=0, max_value=0.5, initial=0.025)
    running_cost = _money(gettext_lazy("Running cost per year (€)"), initial=150_000)
    floor_area = _money(gettext_lazy("Floor area (m²)"), initial=3000)
    row, name_label, default_name = (
        "group",
        gettext_lazy("User group %(n)s: name"),
        gettext_lazy("group %(n)s"),
    )
    columns = (
        ("share", gettext_lazy("User group %(n)s: share of the hours"), 0, 1),
        ("factor", gettext_lazy("User group %(n)s: tariff factor"), 0, 10),
    )
    examples = (("school", 0.6, 1.0), ("wijk", 0.25, 0.5), ("sport", 0.15, 1.5))

    def groups(self) -> list[UserGroup]:
        return [UserGroup(name, share, factor) for name, share, factor in self.rows()]


def _as_dict(result: Any) -> dict[str, Any]:
    return asdict(result) if is_dataclass(result) else dict(result)


def charts_for(instruments: dict[str, Any], source: str) -> dict[str, str]:
    """A chart per instrument (results as the engine gives them, or as stored in a model's result)."""
    out = {}
    if "service_charge" in instruments:
        r = _as_dict(instruments["service_charge"])
        out["service_charge"] = charts.curve_chart(
            _("The break-even service charge as fewer owners pay"),
            [100 * share for share, _charge in r["curve"]],
            [charge for _share, charge in r["curve"]],
            _("share of the owners that pays (%)"),
            _("€ per m² per month"),
            source,
            mark=(100 * r["paying_share"], r["break_even"]),
        )
    if "plinth" in instruments:
        r = _as_dict(instruments["plinth"])
        tiers = r.get("tiers") or ()  # results stored before the tiers were kept have none
        out["plinth"] = charts.bar_chart(
            _("What each tier adds to the balance per year, after the head lease"),
            tuple(t["name"] for t in tiers) or (_("balance"),),
            tuple(t["area"] * (t["rent"] - r["head_lease"]) for t in tiers) or (r["balance"],),
            _("€ per year"),
            source,
        )
    if "shared_facility" in instruments:
        r = _as_dict(instruments["shared_facility"])
        out["shared_facility"] = charts.bar_chart(
            _("What each user group pays per year, and the gap"),
            (*r["payments"], _("gap")),
            (*r["payments"].values(), r["gap"]),
            _("€ per year"),
            source,
        )
    return out


KINDS = {
    "servicekosten": ("service_charge", ServiceChargeForm, gettext_lazy("Service charge")),
    "plint": ("plinth", PlinthForm, gettext_lazy("Plinth management")),
    "gedeelde-voorziening": ("shared_facility", SharedFacilityForm, gettext_lazy("Shared facility")),
}


def compute(kind: str, form: forms.Form) -> tuple[Any, str | None]:
    """The instrument's result for a valid form, or the engine's problem in words."""
    d = form.cleaned_data
    try:
        if kind == "service_charge":
            return service_charge(d["annual_cost"], d["floor_area"], d["paying_share"]), None
        if kind == "plinth":
            return plinth(d["head_lease"], form.tiers()), None  # type: ignore[attr-defined]
        groups = form.groups()  # type: ignore[attr-defined]
        return shared_facility(
            d["investment"], d["life"], d["rate"], d["running_cost"], d["floor_area"], groups
        ), None
    except ModelError as exc:
        return None, describe(exc)
