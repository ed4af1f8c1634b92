"""Adding a review of an area's social quality: whoever may edit the area."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.common.services import save_audited
from akkoord.finance.models import Area
from akkoord.finance.services import can_edit
from akkoord.web.forms import apply_errors

from .models import ITEMS, Review, Score


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(
        label=gettext_lazy("Review date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewed_by = forms.CharField(label=gettext_lazy("Reviewed by"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in ITEMS.items():
            self.fields[f"{code}_score"] = forms.TypedChoiceField(
                label=label,
                choices=[("", "–"), *((str(k), str(k)) for k in range(1, 6))],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{code}_evidence"] = forms.CharField(
                label=_("Evidence for: %(item)s") % {"item": label},
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for name, label in (
            ("hardware", gettext_lazy("Hardware: the design")),
            ("software", gettext_lazy("Software: the life of the city, its users")),
            ("orgware", gettext_lazy("Orgware: the organisation and the money")),
        ):
            self.fields[name] = forms.CharField(
                label=label, max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.fields["source"] = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for code in ITEMS:
            if data.get(f"{code}_evidence") and not data.get(f"{code}_score"):
                self.add_error(f"{code}_score", _("Give a score with the evidence."))
        if not any(data.get(f"{code}_score") for code in ITEMS) and not self.errors:
            self.add_error(None, _("Score at least one item from 1 to 5."))
        return data


@login_required
def add(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    if not can_edit(request.user, area):  # before the request's body is read
        raise PermissionDenied(_("Only whoever may edit this area may review it."))
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        fields = ("reviewed_on", "reviewed_by", "hardware", "software", "orgware", "source")
        try:
            with transaction.atomic():
                review = save_audited(
                    actor=request.user,
                    instance=Review(area=area),
                    data={k: d[k] for k in fields},
                    deal=area.deal,
                )
                for code in ITEMS:
                    if d.get(f"{code}_score"):
                        save_audited(
                            actor=request.user,
                            instance=Score(review=review),
                            data={
                                "item": code,
                                "score": d[f"{code}_score"],
                                "evidence": d[f"{code}_evidence"],
                            },
                            deal=area.deal,
                        )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(f"{area.get_absolute_url()}#quality")
    status = 400 if form.errors else 200
    return render(request, "quality/add.html", {"area": area, "form": form}, status=status)
