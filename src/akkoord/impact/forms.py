from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from akkoord.common.fields import bounded_formfield

from .models import Indicator, Measurement


class MeasurementForm(forms.ModelForm):
    """The fields that fit the indicator's measure type."""

    class Meta:
        model = Measurement
        fields = ["year", "value", "numerator", "denominator", "text", "evidence", "source", "is_example"]
        formfield_callback = bounded_formfield
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        M = Indicator.Measure
        if indicator.measure == M.QUALITATIVE:
            drop = ["value", "numerator", "denominator"]
        elif indicator.measure == M.PERCENTAGE:
            drop = ["text"]
            self.fields["value"].help_text = _(
                "Or give the numerator and denominator; the share follows from them."
            )
        else:
            drop = ["numerator", "denominator", "text"]
        for name in drop:
            del self.fields[name]
        if indicator.unit and "value" in self.fields:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": indicator.unit}


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it goes back"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
