"""akkoord finance evaluate MODEL | service-charge | plinth | shared-facility …

    akkoord finance evaluate MODEL --format json|xlsx|html [--out FILE] [--draws N --seed S]
    akkoord finance programme PROGRAMME [--format json] [--out FILE]
    akkoord finance service-charge --annual-cost 1200000 --floor-area 50000 [--paying-share 0.8]
    akkoord finance plinth --head-lease 100 --tier ketens:4000:180 --tier lokaal:6000:50
    akkoord finance shared-facility --investment 10000000 --life 40 --rate 0.025 \\
        --running-cost 150000 --floor-area 3000 --group school:0.6:1.0 --group wijk:0.25:0.5

A bad model file or option is reported with the stream and field it is about, and nothing
is written.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.commands import AkkoordCommand
from akkoord.engines.finance import (
    ModelError,
    Tier,
    UserGroup,
    evaluate,
    load,
    plinth,
    service_charge,
    shared_facility,
)
from akkoord.engines.programme import ProgrammeError
from akkoord.engines.programme import evaluate as evaluate_programme
from akkoord.engines.programme import load as load_programme
from akkoord.finance import presenting
from akkoord.finance.messages import describe
from akkoord.web.formats import euro, number


def _parts(value: str, option: str, names: tuple[str, ...]) -> tuple[str, ...]:
    parts = value.split(":")
    if len(parts) != len(names):
        raise CommandError(
            _("%(option)s %(value)r: give %(parts)s")
            % {"option": option, "value": value, "parts": ":".join(names)}
        )
    return tuple(parts)


def _float(value: str, option: str) -> float:
    try:
        return float(value)
    except ValueError as exc:
        raise CommandError(
            _("%(option)s: %(value)r is not a number") % {"option": option, "value": value}
        ) from exc


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Area exploitation: evaluate a model file, or work out one instrument.")

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help=_("evaluate a model file (YAML or JSON)"))
        ev.add_argument("model", type=Path)
        ev.add_argument("--format", choices=["json", "xlsx", "html"], default="json")
        ev.add_argument("--out", type=Path, help=_("write here (JSON goes to the screen without it)"))
        ev.add_argument("--draws", type=int, default=0, help=_("Monte Carlo draws (and Sobol indices)"))
        ev.add_argument("--seed", type=int, default=0)
        pr = sub.add_parser(
            "programme", help=_("an area programme: its sub-projects, couplings and maatschappelijke plus")
        )
        pr.add_argument("programme", type=Path)
        pr.add_argument("--format", choices=["json"], default="json")
        pr.add_argument("--out", type=Path, help=_("write here (JSON goes to the screen without it)"))
        sc = sub.add_parser("service-charge", help=_("break-even service charge per m² per month"))
        sc.add_argument("--annual-cost", type=float, required=True)
        sc.add_argument("--floor-area", type=float, required=True)
        sc.add_argument("--paying-share", type=float, default=1.0)
        sc.add_argument("--format", choices=["text", "json"], default="text")
        pl = sub.add_parser("plinth", help=_("balance of plinth management and the break-even rent"))
        pl.add_argument("--head-lease", type=float, required=True, help=_("per m² per year"))
        pl.add_argument("--tier", action="append", required=True, help=_("NAME:M2:RENT (repeat)"))
        pl.add_argument("--format", choices=["text", "json"], default="text")
        sf = sub.add_parser(
            "shared-facility", help=_("annual cost, cost price and payments of a shared building")
        )
        sf.add_argument("--investment", type=float, required=True)
        sf.add_argument("--life", type=int, required=True)
        sf.add_argument("--rate", type=float, required=True)
        sf.add_argument("--running-cost", type=float, required=True)
        sf.add_argument("--floor-area", type=float, required=True)
        sf.add_argument(
            "--group",
            action="append",
            required=True,
            help=_("NAME:HOUR_SHARE:TARIFF_FACTOR (repeat)"),
        )
        sf.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            getattr(self, "_" + o["action"].replace("-", "_"))(o)
        except (ModelError, ProgrammeError) as exc:
            raise CommandError(_("%(problem)s; nothing was written.") % {"problem": describe(exc)}) from exc

    # --- evaluate -------------------------------------------------------------------------

    def _evaluate(self, o: dict[str, Any]) -> None:
        if not o["model"].exists():
            raise CommandError(_("%(file)s: no such file") % {"file": o["model"]})
        if o["draws"] < 0 or o["draws"] > 1_000_000:
            raise CommandError(_("--draws: give 0 to 1,000,000"))
        model = load(o["model"])
        result = evaluate(model, draws=o["draws"], seed=o["seed"], keep_draws=o["format"] == "html")
        fmt, out = o["format"], o["out"]
        if fmt == "json":
            text = json.dumps(result, indent=2, ensure_ascii=False)
            if out:
                out.write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
                return
        elif out is None:
            raise CommandError(_("--out: give a file for %(format)s") % {"format": fmt})
        elif fmt == "xlsx":
            out.write_bytes(presenting.to_xlsx(model, result))
        else:
            out.write_text(presenting.to_html(model, result), encoding="utf-8")
        for warning in model.warnings:
            self.stderr.write(_("warning: %(warning)s") % {"warning": describe(warning)})
        self.done(_("Written to %(file)s.") % {"file": out})

    # --- an area programme ------------------------------------------------------------------

    def _programme(self, o: dict[str, Any]) -> None:
        if not o["programme"].exists():
            raise CommandError(_("%(file)s: no such file") % {"file": o["programme"]})
        self.write_json(evaluate_programme(load_programme(o["programme"])), o["out"])

    # --- instruments ------------------------------------------------------------------------

    def _show(self, o: dict[str, Any], result: Any, lines: list[str]) -> None:
        if o["format"] == "json":
            self.stdout.write(json.dumps(asdict(result), indent=2, ensure_ascii=False))
        else:
            for line in lines:
                self.say(line)

    def _service_charge(self, o: dict[str, Any]) -> None:
        r = service_charge(o["annual_cost"], o["floor_area"], o["paying_share"])
        lines = [
            _("Break-even service charge: %(charge)s per m² per month (%(share)s%% of the owners paying)")
            % {"charge": euro(r.break_even, 2), "share": number(100 * r.paying_share)},
            _("share paying  charge per m² per month"),
            *(f"{number(100 * share):>11}%  {euro(charge, 2)}" for share, charge in r.curve),
        ]
        self._show(o, r, lines)

    def _plinth(self, o: dict[str, Any]) -> None:
        tiers = []
        for value in o["tier"]:
            name, area, rent = _parts(value, "--tier", ("NAME", "M2", "RENT"))
            tiers.append(Tier(name, _float(area, "--tier"), _float(rent, "--tier")))
        r = plinth(o["head_lease"], tiers)
        lines = [
            _("Sublet income %(income)s, head lease %(cost)s a year")
            % {"income": euro(r.income, 2), "cost": euro(r.cost, 2)},
            _("Balance: %(balance)s a year") % {"balance": euro(r.balance, 2)},
            _("Break-even rent of the cheapest tier (%(tier)s): %(rent)s per m² per year")
            % {"tier": r.cheapest, "rent": euro(r.break_even_rent, 2)},
        ]
        self._show(o, r, lines)

    def _shared_facility(self, o: dict[str, Any]) -> None:
        groups = []
        for value in o["group"]:
            name, share, factor = _parts(value, "--group", ("NAME", "HOUR_SHARE", "TARIFF_FACTOR"))
            groups.append(UserGroup(name, _float(share, "--group"), _float(factor, "--group")))
        r = shared_facility(o["investment"], o["life"], o["rate"], o["running_cost"], o["floor_area"], groups)
        lines = [
            _("Capital cost (annuity): %(annuity)s a year") % {"annuity": euro(r.annuity, 2)},
            _("Annual cost: %(cost)s; cost price %(price)s per m²")
            % {"cost": euro(r.annual_cost, 2), "price": euro(r.cost_price_per_m2, 2)},
            *(
                "  " + _("%(group)s: pays %(amount)s a year") % {"group": name, "amount": euro(pay, 2)}
                for name, pay in r.payments.items()
            ),
            _("Gap: %(gap)s a year") % {"gap": euro(r.gap, 2)},
        ]
        self._show(o, r, lines)
