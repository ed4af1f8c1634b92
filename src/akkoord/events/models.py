"""Events (National Dialogue, CoP meeting, parade, excursion), their work sessions and registrations."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from akkoord.common.models import SourcedModel, TimeStampedModel
from akkoord.organisations.models import StakeholderType
from akkoord.web import formats

from .reasons import blocker as blocker_text
from .reasons import is_stretch
from .reasons import render as render_reason

MAX_PLACES = 100_000  # explicit, so forms, API and schema agree on every database


class Event(SourcedModel):
    class Kind(models.TextChoices):
        NATIONAL_DIALOGUE = "national_dialogue", _("National Dialogue")
        COP_MEETING = "cop_meeting", _("Community of Practice meeting")
        PARADE = "parade", _("yearly parade")
        EXCURSION = "excursion", _("excursion to an example project")
        OTHER = "other", _("other meeting")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in web addresses"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Leave empty for an event that stands alone."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        validators=[MaxValueValidator(MAX_PLACES)],
        help_text=_("Registrations beyond this number go on the waiting list."),
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers"),
        blank=True,
        related_name="organised_events",
        help_text=_("Besides the coordinators of the deal: who may edit the event and run the assignment."),
    )
    assignment_published = models.BooleanField(_("assignment published"), default=False, editable=False)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def has_unpublished_changes(self) -> bool:
        """A run or a move by hand changed the assignment since it was last published."""
        confirmed = self.registrations.filter(status=Registration.Status.CONFIRMED)
        moved = confirmed.filter(session__isnull=False, published_session__isnull=False).exclude(
            session=models.F("published_session")
        )
        one_side = models.Q(session__isnull=True, published_session__isnull=False) | models.Q(
            session__isnull=False, published_session__isnull=True
        )
        return moved.exists() or confirmed.filter(one_side).exists()

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end must not be before the start.")})


class WorkSession(SourcedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    title = models.CharField(_("title"), max_length=200)
    explanation = models.TextField(_("explanation"), blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    capacity_min = models.PositiveIntegerField(
        _("minimum size"), default=0, validators=[MaxValueValidator(MAX_PLACES)]
    )
    capacity_max = models.PositiveIntegerField(
        _("maximum size"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    requires_mandate = models.BooleanField(
        _("mandate required"), default=False, help_text=_("Only for participants who may sign.")
    )
    open_topic = models.BooleanField(
        _("open topic"), default=False, help_text=_("The participants choose the topic.")
    )
    special_moment = models.CharField(_("special moment"), max_length=300, blank=True)
    stretch_share = models.DecimalField(
        _("share of stretch seats"),
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_(
            "For example 0.20: a fifth of the seats go to participants for whom this session is "
            "outside their top three but shares an interest. Empty: the share chosen for the run."
        ),
    )

    constraint_fields = {"unique_session_number": "number"}

    class Meta:
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                name="unique_session_number",
                violation_error_message=_("Another work session has this number."),
            )
        ]
        verbose_name = _("work session")
        verbose_name_plural = _("work sessions")

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    def clean(self) -> None:
        if self.capacity_max is not None and self.capacity_min > self.capacity_max:
            raise ValidationError({"capacity_min": _("The minimum size is more than the maximum size.")})


class SessionLead(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        CO_LEAD = "co_lead", _("in cooperation with")

    session = models.ForeignKey(WorkSession, on_delete=models.CASCADE, related_name="leads")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)

    class Meta:
        ordering = ["-role", "id"]  # leads before co-leads
        constraints = [
            models.UniqueConstraint(fields=["session", "organisation"], name="unique_session_lead")
        ]
        verbose_name = _("session lead")
        verbose_name_plural = _("session leads")

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=20, choices=StakeholderType.choices)
    email = models.EmailField(_("e-mail address"))
    interests = models.JSONField(_("interests"), default=list, blank=True)
    preferences = models.JSONField(_("preferred sessions"), default=list, blank=True)
    has_mandate = models.BooleanField(_("has a mandate to sign"), default=False)
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal the participant comes from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tables can be grouped by the phase of this deal."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED, db_index=True
    )
    queued_at = models.DateTimeField(
        _("confirmed at"), null=True, blank=True, help_text=_("The order of the waiting list.")
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    session = models.ForeignKey(
        WorkSession,
        verbose_name=_("work session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participants",
    )
    # What the participant sees: the session of the last published assignment. A new run
    # or a move by hand changes ``session`` only, a draft until the organiser publishes.
    published_session = models.ForeignKey(
        WorkSession,
        verbose_name=_("published work session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    locked = models.BooleanField(_("placed by hand"), default=False)
    reason = models.CharField(_("why this session"), max_length=300, blank=True)  # the engine's, English
    reason_data = models.JSONField(_("why this session (as data)"), default=list, blank=True, editable=False)
    is_example = models.BooleanField(_("invented example"), default=False)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)

    constraint_fields = {"one_registration_per_email": "email"}

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One registration per address per event; the check in the form cannot stop a race.
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=~models.Q(status="cancelled"),
                name="one_registration_per_email",
                violation_error_message=_("This e-mail address is already registered for this event."),
            )
        ]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def reason_text(self) -> str:
        """Why this session, in the reader's language."""
        return render_reason(self.reason_data, self.reason)

    @property
    def stretch_seat(self) -> bool:
        return is_stretch(self.reason_data)


class AssignmentRun(TimeStampedModel):
    """One run of the assignment, done in the background; the page shows its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("assignment run", "queued")
        RUNNING = "running", pgettext_lazy("assignment run", "running")
        DONE = "done", pgettext_lazy("assignment run", "done")
        FAILED = "failed", pgettext_lazy("assignment run", "failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=50, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    options = models.JSONField(_("options"), default=dict)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(_("task"), max_length=64, blank=True, editable=False)

    ACTIVE = ("queued", "running")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # At most one run per event at a time: two would overwrite each other's placements.
            models.UniqueConstraint(
                "event",
                condition=models.Q(status__in=("queued", "running")),
                name="one_active_run_per_event",
                violation_error_message=_("An assignment run of this event is already queued or running."),
            )
        ]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    SETTINGS = {
        "max_type_share": _("at most a share per stakeholder type of"),
        "min_per_type": _("at least per stakeholder type"),
        "stretch": _("stretch seats"),
        "grouping": _("tables by deal phase"),
        "seed": _("draw number"),
    }

    GROUPINGS = {
        "together": _("together: every table one phase"),
        "mixed": _("mixed: phases spread over the tables"),
    }

    def settings(self) -> list[tuple[str, str]]:
        """The run's settings in words, to read beside its result."""
        shown = []
        for key, label in self.SETTINGS.items():
            value = (self.options or {}).get(key)
            if value is None:
                continue
            if key == "grouping":
                text = str(self.GROUPINGS.get(value, value))
            else:
                text = formats.percent(value) if key in ("max_type_share", "stretch") else str(value)
            shown.append((str(label), text))
        return shown

    def failure(self) -> str:
        """Why a failed run stopped, for the organiser (the details are in the server's log)."""
        if (self.summary or {}).get("code") == "lost":
            return str(_("the background worker stopped before the run was done; start a new run"))
        return str(_("an error in the program stopped it; the administrator finds the details in the log"))

    def blockers(self) -> list[str]:
        """What blocked an infeasible run, each in a sentence in the reader's language."""
        return [blocker_text(b) for b in (self.summary or {}).get("blockers", [])]

    def __str__(self) -> str:
        return f"{self.event} — {self.get_status_display()} ({self.created_at:%Y-%m-%d %H:%M})"
