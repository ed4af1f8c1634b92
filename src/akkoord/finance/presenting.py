"""The results of the finance engine for people: an HTML page with charts, and an XLSX workbook."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common.exports import Sheet, xlsx_bytes
from akkoord.engines.finance import Model
from akkoord.web import charts

from .instruments import charts_for as instrument_charts
from .messages import MODES, RATE_CLASSES, describe

# The engine's codes as people read them (the model file and the API keep the codes).
SOCIETY = "society"


def labels() -> dict[str, str]:
    """Every code a finance page shows, with its label in the active language."""
    return {
        **{k: str(v) for k, v in MODES.items()},
        **{k: str(v) for k, v in RATE_CLASSES.items()},
        SOCIETY: str(_("Society as a whole")),
    }


def charts_for(model: Model, result: dict[str, Any]) -> dict[str, str]:
    """The charts people would rather look at than read."""
    years = result["cashflow"]["years"]
    parties = result["parties"]
    source = _("Source: the model %(name)s; see the sources of its streams.") % {"name": model.name}
    out = {
        "cashflow": charts.stacked_years_chart(
            _("Who pays and who receives, year by year"),
            years,
            {p: result["cashflow"][p] for p in parties},
            source,
        ),
        "cumulative": charts.lines_chart(
            _("Cumulative flow per party; a dot marks the payback year"),
            years,
            {p: np.cumsum(result["cashflow"][p]).tolist() for p in parties},
            source,
            {p: result["payback"][p]["simple"] for p in parties},
        ),
    }
    if "fund" in result:
        fund = result["fund"]
        out["fund"] = charts.lines_chart(
            _("Balance of the fund %(name)s") % {"name": fund["name"]},
            years,
            {fund["name"]: fund["balance"]},
            source,
        )
    biggest = max(parties, key=lambda p: abs(result["npv"][p]))
    rows = [(r["stream"], r["low"], r["high"]) for r in result["tornado"][biggest]]
    if rows:
        out["tornado"] = charts.tornado_chart(
            _("What moves the net present value of %(party)s most") % {"party": biggest}, rows, source
        )
    sobol = result.get("sobol") or {}
    if sobol.get("streams") and biggest in sobol.get("parties", {}):
        total = sobol["parties"][biggest]["total"]
        ranked = sorted(sobol["streams"], key=lambda s: -total.get(s, 0))[:10]
        out["sobol"] = charts.bar_chart(
            _("Main drivers of the uncertainty for %(party)s (Sobol, total effect)") % {"party": biggest},
            tuple(ranked),
            tuple(round(total.get(s, 0), 3) for s in ranked),
            _("share of the uncertainty, 0 to 1"),
            source,
        )
    if result.get("instruments"):
        for kind, chart in instrument_charts(result["instruments"], source).items():
            out[f"instrument_{kind}"] = chart
    if "montecarlo" in result:
        draws = result["montecarlo"]["society_draws"]  # evaluate(..., keep_draws=True)
        stats = result["montecarlo"]["parties"]["society"]
        out["montecarlo"] = charts.histogram_chart(
            _("Net present value for society over %(n)s draws") % {"n": result["montecarlo"]["draws"]},
            draws,
            {"P10": stats["p10"], "P50": stats["p50"], "P90": stats["p90"]},
            source,
        )
    return out


def to_html(model: Model, result: dict[str, Any]) -> str:
    return render_to_string(
        "finance/evaluate.html",
        {
            "model": model,
            "r": result,
            "warnings": [describe(w) for w in model.warnings],
            "charts": charts_for(model, result),
            "generated": timezone.localtime(),
            "labels": labels(),
        },
    )


def to_xlsx(model: Model, result: dict[str, Any]) -> bytes:
    names = labels()
    summary: list[list[Any]] = [
        [model.name],
        [
            _("kind of calculation"),
            names.get(model.mode, model.mode),
            _("base year"),
            model.base_year,
            _("horizon"),
            model.horizon,
        ],
        [],
        [_("party"), _("net present value"), _("return (IRR)"), _("payback"), _("payback, discounted")],
    ]
    for p in result["parties"]:
        pay = result["payback"][p]
        summary.append([p, result["npv"][p], result["irr"][p], pay["simple"], pay["discounted"]])
    summary.append([names[SOCIETY], result["npv_society"]])
    years = result["cashflow"]["years"]
    sheets = [
        Sheet(_("Summary"), summary, bold_rows=(1, 4)),
        Sheet(
            _("Cash flow"),
            [[_("year"), *result["parties"]]]
            + [[y, *(result["cashflow"][p][t] for p in result["parties"])] for t, y in enumerate(years)],
        ),
        Sheet(
            _("Streams"),
            [
                [
                    _("name"),
                    _("party"),
                    _("counterparty"),
                    _("amount"),
                    _("start"),
                    _("end"),
                    _("growth"),
                    _("discount class"),
                    _("source"),
                ]
            ]
            + [
                [
                    s.name,
                    s.party,
                    s.counterparty,
                    s.amount,
                    s.start,
                    s.end,
                    s.growth,
                    names.get(s.rate_class, s.rate_class),
                    s.source,
                ]
                for s in model.streams
            ],
        ),
    ]
    if "fund" in result:
        balance = result["fund"]["balance"]
        sheets.append(
            Sheet(_("Fund"), [[_("year"), _("balance")], *map(list, zip(years, balance, strict=True))])
        )
    if "montecarlo" in result:
        header = [_("party"), "P10", "P50", "P90", _("probability of a negative net present value")]
        rows = [
            [names.get(party, party), st["p10"], st["p50"], st["p90"], st["probability_negative"]]
            for party, st in result["montecarlo"]["parties"].items()
        ]
        sheets.append(Sheet("Monte Carlo", [header, *rows]))
    return xlsx_bytes(sheets)
