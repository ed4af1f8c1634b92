"""akkoord assign: participants to work sessions from CSV/XLSX files (a fixed contract).

akkoord assign --participants P.csv --sessions S.csv --out A.csv --summary SUMMARY.json
               [--max-type-share F] [--min-types K] [--stretch F] [--time-limit SECONDS] [--seed N]
               [--grouping together|mixed]
"""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from akkoord.common.commands import AkkoordCommand
from akkoord.engines.assignment import AssignmentInput, AssignmentInputError, Options, assign
from akkoord.events import assignment_files as files


class Command(AkkoordCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = gettext_lazy("Assign participants to work sessions: exact, fast and explained.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--participants", required=True, type=Path, help=_("P.csv (or .xlsx)"))
        parser.add_argument("--sessions", required=True, type=Path, help=_("S.csv (or .xlsx)"))
        parser.add_argument("--out", required=True, type=Path, help=_("A.csv to write"))
        parser.add_argument("--summary", required=True, type=Path, help=_("SUMMARY.json to write"))
        parser.add_argument(
            "--max-type-share",
            type=float,
            default=None,
            help=_("at most this share of a session's seats per stakeholder type (0–1)"),
        )
        parser.add_argument(
            "--min-types",
            type=int,
            default=0,
            help=_("at least this many participants of every stakeholder type per session"),
        )
        parser.add_argument(
            "--stretch",
            type=float,
            default=None,
            help=_("share of each session's seats (its maximum size) for stretch seats (0–1)"),
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help=_("seconds; a later finish is reported, and the bound for crossing quotas is skipped"),
        )
        parser.add_argument(
            "--seed", type=int, default=0, help=_("breaks ties between equally scored sessions")
        )
        parser.add_argument(
            "--grouping",
            default=None,
            choices=["together", "mixed"],
            help=_(
                "by the group column: every table to one group (together), or every group spread "
                "over the tables (mixed)"
            ),
        )
        parser.add_argument("--backend", default="ortools", choices=["ortools", "networkx"])

    def handle(self, *args: Any, **o: Any) -> None:
        # 100,000 participants are several million objects that live until the end: the cyclic
        # collector would walk them again and again (about 0.7 s) and find nothing to free.
        gc.disable()
        try:
            self._assign(o)
        finally:
            gc.enable()

    def _assign(self, o: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            sessions = files.read_sessions(o["sessions"])
            participants = files.read_participants(o["participants"], {s.id for s in sessions})
            data = AssignmentInput(
                participants,
                sessions,
                Options(
                    max_type_share=o["max_type_share"],
                    min_per_type=o["min_types"],
                    stretch=o["stretch"],
                    time_limit=o["time_limit"],
                    seed=o["seed"],
                    grouping=o["grouping"],
                ),
            )
        except files.FilesError as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(
                ngettext(
                    "%(n)s problem in the input; nothing was written.",
                    "%(n)s problems in the input; nothing was written.",
                    len(exc.errors),
                )
                % {"n": len(exc.errors)}
            ) from exc
        except AssignmentInputError as exc:
            # Imported on this path only: a run without errors loads nothing of the web layer.
            from akkoord.events.input_messages import input_problem

            option = exc.field.removeprefix("options.").replace("_", "-").replace("min-per-type", "min-types")
            raise CommandError(
                _("--%(option)s: %(message)s; nothing was written.")
                % {"option": option, "message": input_problem(exc)}
            ) from exc

        show = len(participants) >= 20000 and self.stdout.isatty()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            disable=not show,
            transient=True,
        ) as bar:
            task = bar.add_task("assigning", total=1.0)
            result = assign(
                data,
                backend=o["backend"],
                progress=lambda stage, f: bar.update(task, completed=f, description=stage),
            )
        files.write_assignment(o["out"], result)
        options = {
            k: o[k]
            for k in ("max_type_share", "min_types", "stretch", "time_limit", "seed", "grouping", "backend")
        }
        files.write_summary(o["summary"], files.summary(result, time.perf_counter() - started, options))
        self.say(
            f"{result.status}: {result.message}",
            "bold green" if result.status == "optimal" else "bold yellow",
        )
        if result.status == "infeasible":
            raise CommandError(_("No assignment meets every constraint; see the blockers in the summary."))
