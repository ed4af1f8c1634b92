"""Base models and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import first_control


def control_in(value: Any) -> str:
    """The first control character in a text or in the texts of a JSON value, or ''."""
    if isinstance(value, str):
        return first_control(value)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        for item in value:
            found = control_in(item)
            if found:
                return found
    return ""


def control_message(char: str) -> str:
    return str(_("This text holds an invisible control character (%(char)s); remove it.") % {"char": char})


def check_text(**values: Any) -> None:
    """Raise a ValidationError naming each value that holds a control character."""
    errors = {
        name: [control_message(found)] for name, value in values.items() if (found := control_in(value))
    }
    if errors:
        raise ValidationError(errors)


class CleanTextMixin:
    """Refuses control characters in every text field (and the texts inside JSON fields).

    They break XML, spreadsheets and PostgreSQL (NUL), and nobody types them: the
    error names the field and the character, and nothing is saved.
    """

    def clean_fields(self, exclude: Any = None) -> None:
        errors: dict[str, list[str]] = {}
        try:
            super().clean_fields(exclude=exclude)  # type: ignore[misc]
        except ValidationError as exc:
            errors = exc.message_dict
        for f in self._meta.concrete_fields:  # type: ignore[attr-defined]
            if exclude and f.name in exclude or f.name in errors:
                continue
            if isinstance(f, (models.CharField, models.TextField, models.JSONField)):
                found = control_in(getattr(self, f.attname))
                if found:
                    errors[f.name] = [control_message(found)]
        if errors:
            raise ValidationError(errors)


class ConstraintFieldsMixin:
    """Errors of a unique constraint land on a field, with the constraint's own message.

    ``constraint_fields`` maps a constraint's name to the field its error belongs to.
    The same check runs before a save (``full_clean``) and after a lost race
    (:func:`akkoord.common.services.save_unique`), so both give the same message.
    """

    constraint_fields: dict[str, str] = {}

    def validate_constraints(self, exclude: Any = None) -> None:
        errors: dict[str, list[Any]] = {}
        for model_class, constraints in self.get_constraints():  # type: ignore[attr-defined]
            for constraint in constraints:
                try:
                    constraint.validate(model_class, self, exclude=exclude)
                except ValidationError as exc:
                    field = self.constraint_fields.get(constraint.name)
                    if field:
                        errors.setdefault(field, []).extend(exc.messages)
                    else:
                        errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class TimeStampedModel(CleanTextMixin, ConstraintFieldsMixin, models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class SourcedModel(TimeStampedModel):
    """A record that says where its facts come from (rule 10 of the house)."""

    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the facts come from, for example a document and page."),
    )
    is_example = models.BooleanField(
        _("invented example"),
        default=False,
        help_text=_("Tick when this record is invented example data."),
    )

    class Meta:
        abstract = True


class StoredVersion(models.Model):
    """Derived data made once per version in a task (common/jobs.queue_once and run_once):
    a finance model's results, a programme's PDF. Subclasses add ``status`` with the values
    queued, running, done and failed, and what they store."""

    digest = models.CharField(_("version"), max_length=64, unique=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-queued_at"]


class AuditEvent(models.Model):
    """One write: who did what to which record, and what changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        TRANSITION = "transition", _("status changed")
        IMPORT = "import", _("imported")
        EMAIL = "email", _("e-mail sent")
        ANONYMISE = "anonymise", _("personal data removed")
        DISCLOSE = "disclose", _("personal data handed over")
        RESTORE = "restore", _("restored")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    actor_label = models.CharField(_("who (as shown)"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300)
    deal = models.ForeignKey(
        "deals.Deal",
        verbose_name=_("deal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class PeriodicRun(models.Model):
    """That a periodic job was queued for one period (common.jobs.enqueue_due): once, by one worker."""

    name = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("period"))
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)

    class Meta:
        ordering = ["-slot", "name"]
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="one_periodic_run_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.slot:%Y-%m-%d %H:%M}"
