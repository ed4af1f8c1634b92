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


class PlinthForm(forms.Form):
    head_lease = _money(gettext_lazy("Head lease per m² per year (€)"), initial=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        examples = [("ketens", 4000, 180), ("lokaal", 6000, 50)]
        for k in range(ROWS):
            name, area, rent = examples[k] if k < len(examples) else ("", None, None)
            self.fields[f"tier_{k}_name"] = forms.CharField(
                label=_("Tier %(n)s: name") % {"n": k + 1}, max_length=60, required=False, initial=name
            )
            self.fields[f"tier_{k}_area"] = _money(
                _("Tier %(n)s: m²") % {"n": k + 1}, required=False, initial=area
            )
            self.fields[f"tier_{k}_rent"] = _money(
                _("Tier %(n)s: rent per m² per year (€)") % {"n": k + 1}, required=False, initial=rent
            )

    def tiers(self) -> list[Tier]:
        d = self.cleaned_data
        return [
            Tier(
                d[f"tier_{k}_name"] or _("tier %(n)s") % {"n": k + 1},
                d[f"tier_{k}_area"],
                d[f"tier_{k}_rent"],
            )
            for k in range(ROWS)
            if d.get(f"tier_{k}_area") and d.get(f"tier_{k}_rent") is not None
        ]


class SharedFacilityForm(forms.Form):
    investment = _money(gettext_lazy("Investment (€)"), initial=10_000_000)
    life = forms.IntegerField(label=gettext_lazy("Life in years"), min_value=1, max_value=200, initial=40)
    rate = LocalFloatField(label=gettext_lazy("Interest rate"), min_value=0, max_value=0.5, initial=0.025)
    running_cost = _money(gettext_lazy("Running cost per year (€)"), initial=150_000)
    floor_area = _money(gettext_lazy("Floor area (m²)"), initial=3000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        examples = [("school", 0.6, 1.0), ("wijk", 0.25, 0.5), ("sport", 0.15, 1.5)]
        for k in range(ROWS):
            name, share, factor = examples[k] if k < len(examples) else ("", None, None)
            self.fields[f"group_{k}_name"] = forms.CharField(
                label=_("User group %(n)s: name") % {"n": k + 1}, max_length=60, required=False, initial=name
            )
            self.fields[f"group_{k}_share"] = LocalFloatField(
                label=_("User group %(n)s: share of the hours") % {"n": k + 1},
                min_value=0,
                max_value=1,
                required=False,
                initial=share,
            )
            self.fields[f"group_{k}_factor"] = LocalFloatField(
                label=_("User group %(n)s: tariff factor") % {"n": k + 1},
                min_value=0,
                max_value=10,
                required=False,
                initial=factor,
            )

    def groups(self) -> list[UserGroup]:
        d = self.cleaned_data
        return [
            UserGroup(
                d[f"group_{k}_name"] or _("group %(n)s") % {"n": k + 1},
                d[f"group_{k}_share"],
                d[f"group_{k}_factor"],
            )
            for k in range(ROWS)
            if d.get(f"group_{k}_share") is not None and d.get(f"group_{k}_factor") is not None
        ]


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
