"""akkoord assign: participants to work sessions from CSV/XLSX files (a fixed contract).

akkoord assign --participants P.csv --sessions S.csv --out A.csv --summary SUMMARY.json
               [--max-type-share F] [--min-types K] [--stretch F] [--time-limit SECONDS] [--seed N]
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from akkoord.engines.assignment import AssignmentInput, AssignmentInputError, Options, assign
from akkoord.events import assignment_files as files


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # needs no web: the checks would import every view
    help = "Assign participants to work sessions: exact, fast and explained."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--participants", required=True, type=Path, help="P.csv (or .xlsx)")
        parser.add_argument("--sessions", required=True, type=Path, help="S.csv (or .xlsx)")
        parser.add_argument("--out", required=True, type=Path, help="A.csv to write")
        parser.add_argument("--summary", required=True, type=Path, help="SUMMARY.json to write")
        parser.add_argument(
            "--max-type-share",
            type=float,
            default=None,
            help="at most this share of a session's seats per stakeholder type (0–1)",
        )
        parser.add_argument(
            "--min-types",
            type=int,
            default=0,
            help="at least this many participants of every stakeholder type per session",
        )
        parser.add_argument(
            "--stretch",
            type=float,
            default=None,
            help="share of each session's seats (its maximum size) for stretch seats (0–1)",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="seconds; a later finish is reported, and the bound for crossing quotas is skipped",
        )
        parser.add_argument("--seed", type=int, default=0, help="breaks ties between equally scored sessions")
        parser.add_argument("--backend", default="ortools", choices=["ortools", "networkx"])

    def handle(self, *args: Any, **o: Any) -> None:
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
                ),
            )
        except files.FilesError as exc:
            for e in exc.errors:
                self.stderr.write(str(e))
            raise CommandError(f"{len(exc.errors)} problem(s) in the input; nothing was written.") from exc
        except AssignmentInputError as exc:
            option = exc.field.removeprefix("options.").replace("_", "-").replace("min-per-type", "min-types")
            raise CommandError(f"--{option}: {exc.message}; nothing was written.") from exc

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
            k: o[k] for k in ("max_type_share", "min_types", "stretch", "time_limit", "seed", "backend")
        }
        files.write_summary(o["summary"], files.summary(result, time.perf_counter() - started, options))
        style = self.style.SUCCESS if result.status == "optimal" else self.style.WARNING
        self.stdout.write(style(f"{result.status}: {result.message}"))
        if result.status == "infeasible":
            raise CommandError("No assignment meets every constraint; see the blockers in the summary.")
