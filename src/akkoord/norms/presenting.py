"""The result of ``akkoord norms evaluate`` as a workbook or a web page of its own."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from akkoord.common.exports import Sheet, xlsx_bytes
from akkoord.web import charts


def gap_chart(result: dict[str, Any], source: str) -> str:
    """The gap per facility over the years, as a share of what is required, so that sports halls
    and square metres of play space fit one chart: below zero is a shortage, −100% none at all."""
    series = {
        f["label"]: [100 * g / r if r else 0.0 for g, r in zip(f["gap"], f["required_rounded"], strict=True)]
        for f in result["facilities"].values()
    }
    return charts.lines_chart(
        _("Planned minus required, as a share of what is required (below zero: a shortage)"),
        result["years"],
        series,
        source,
        unit=_("percent of what is required"),
    )


def to_html(result: dict[str, Any], name: str) -> str:
    return render_to_string(
        "norms/evaluate.html",
        {
            "name": name,
            "r": result,
            "chart": gap_chart(result, _("Source: %(file)s, computed by Akkoord") % {"file": name}),
            "rows": list(zip(result["years"], result["inhabitants"], result["homes"], strict=True)),
            "facilities": [
                (
                    f,
                    list(
                        zip(
                            result["years"],
                            f["required"],
                            f["required_rounded"],
                            f["planned"],
                            f["gap"],
                            strict=True,
                        )
                    ),
                )
                for f in result["facilities"].values()
            ],
            "generated": timezone.localtime(),
        },
    )


def to_xlsx(result: dict[str, Any]) -> bytes:
    years = result["years"]
    groups = list(result["age_groups"])
    people = Sheet(
        _("Inhabitants"),
        [[_("year"), _("inhabitants"), _("homes"), *groups]]
        + [
            [y, result["inhabitants"][t], result["homes"][t], *(result["age_groups"][g][t] for g in groups)]
            for t, y in enumerate(years)
        ],
    )
    sheets = [people]
    for facility, f in result["facilities"].items():
        rows: list[list[Any]] = [
            [f["label"], _("base"), f["base"], _("source"), f["source"]],
            [_("year"), _("required"), _("required, rounded"), _("planned"), _("gap")],
        ]
        rows += [
            [y, f["required"][t], f["required_rounded"][t], f["planned"][t], f["gap"][t]]
            for t, y in enumerate(years)
        ]
        sheets.append(Sheet(facility, rows, bold_rows=(1, 2)))
    return xlsx_bytes(sheets)
