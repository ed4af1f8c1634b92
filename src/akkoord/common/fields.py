"""Choice fields that refuse out-of-range ids before they reach the database.

SQLite raises OverflowError for an integer beyond 64 bits, which Django's and
DRF's related fields do not catch; a typed-in id like 99999999999999999999
would otherwise become a server error instead of "not a valid choice".
"""

from __future__ import annotations

from typing import Any

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import get_format
from django_filters.filterset import FILTER_FOR_DBFIELD_DEFAULTS
from rest_framework import relations

MAX_ID = 2**63 - 1


def _in_range(value: Any) -> bool:
    try:
        return -MAX_ID <= int(str(value).strip()) <= MAX_ID
    except ValueError:
        return True  # not a number: the field's own check names the problem


class _BoundedChoice:
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _in_range(value):  # type: ignore[attr-defined]
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")  # type: ignore[attr-defined]
        return super().to_python(value)  # type: ignore[misc]


class BoundedModelChoiceField(_BoundedChoice, forms.ModelChoiceField):
    pass


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for v in value or []:
            if not _in_range(v):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": v}
                )
        return super()._check_values(value)


def number_text(value: Any) -> Any:
    """A number as people type it, in the active language, as Python reads it.

    Dutch: "12.500" and "12.500,50" (a point groups thousands, a comma starts the decimals);
    English: "12,500" and "12,500.50". As Django's ``sanitize_separators`` with thousands
    grouping always on, including its care for a lone point that means decimals ("12.5").
    """
    if not isinstance(value, str):
        return value
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    decimal = get_format("DECIMAL_SEPARATOR")
    thousands = get_format("THOUSAND_SEPARATOR")
    whole, sep, decimals = text.partition(decimal)
    lone_point = thousands == "." and whole.count(".") == 1 and len(whole.split(".")[-1]) != 3 and not sep
    if not lone_point:
        whole = whole.replace(thousands, "")
    return f"{whole}.{decimals}" if sep else whole


class _LocalNumber:
    """Reads a number typed the way the reader writes numbers (see :func:`number_text`), in a
    text input with a decimal keyboard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self.widget.attrs.setdefault("inputmode", "decimal")  # type: ignore[attr-defined]

    def to_python(self, value: Any) -> Any:
        return super().to_python(number_text(value))  # type: ignore[misc]


class LocalDecimalField(_LocalNumber, forms.DecimalField):
    """An amount typed the reader's way ("12.500,50" in Dutch)."""


class LocalFloatField(_LocalNumber, forms.FloatField):
    """A value typed the reader's way ("12.500,5" in Dutch)."""


def bounded_formfield(field: models.Field, **kwargs: Any) -> Any:
    """``formfield_callback`` for model forms: bounded choice fields for relations, and
    numbers typed in the reader's notation ("12.500,50" in Dutch)."""
    if isinstance(field, models.DecimalField):
        kwargs.setdefault("form_class", LocalDecimalField)
    elif isinstance(field, models.FloatField):
        kwargs.setdefault("form_class", LocalFloatField)
    elif isinstance(field, models.ForeignKey):
        kwargs.setdefault("form_class", BoundedModelChoiceField)
    elif isinstance(field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
    return field.formfield(**kwargs)


class BoundedPrimaryKeyRelatedField(relations.PrimaryKeyRelatedField):
    def to_internal_value(self, data: Any) -> Any:
        if not _in_range(data):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


class _BoundedFilterField(_BoundedChoice, django_filters.fields.ModelChoiceField):
    pass


class BoundedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _BoundedFilterField


class BoundedFilterSet(django_filters.rest_framework.FilterSet):
    FILTER_DEFAULTS = {
        **FILTER_FOR_DBFIELD_DEFAULTS,
        models.ForeignKey: {
            **FILTER_FOR_DBFIELD_DEFAULTS[models.ForeignKey],
            "filter_class": BoundedModelChoiceFilter,
        },
        models.OneToOneField: {
            **FILTER_FOR_DBFIELD_DEFAULTS[models.OneToOneField],
            "filter_class": BoundedModelChoiceFilter,
        },
    }


class PublicNames:
    """A filter set mixin: query parameters named for the API (lower camelCase), not by ORM path.

    ``public_names`` maps a filter's own name (``deal__slug``) to its parameter (``deal``).
    """

    public_names: dict[str, str] = {}

    @classmethod
    def get_filters(cls) -> dict[str, Any]:
        filters = super().get_filters()  # type: ignore[misc]
        return {cls.public_names.get(name, name): f for name, f in filters.items()}


class BoundedFilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """``filterset_fields`` may be a dict, parameter name -> ORM path: ``{"deal": "deal__slug"}``."""

    filterset_base = BoundedFilterSet

    def get_filterset_class(self, view: Any, queryset: Any = None) -> Any:
        fields = getattr(view, "filterset_fields", None)
        if not isinstance(fields, dict) or getattr(view, "filterset_class", None):
            return super().get_filterset_class(view, queryset)
        model = queryset.model if queryset is not None else view.queryset.model
        meta = type("Meta", (), {"model": model, "fields": list(fields.values())})
        names = {path: public for public, path in fields.items()}
        return type(
            f"{model.__name__}Filter",
            (PublicNames, self.filterset_base),
            {"Meta": meta, "public_names": names},
        )
