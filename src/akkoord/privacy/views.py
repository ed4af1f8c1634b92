"""A coordinator handles a person's request for their data: find, download (art. 15), erase (art. 17)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akkoord.deals.models import Deal
from akkoord.deals.permissions import can_view, require_coordinator

from . import services


class RequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the person"))
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked that the request comes from this person, and want to erase"),
        required=False,
    )


@login_required
def deal_requests(request: HttpRequest, slug: str) -> HttpResponse:
    deal = get_object_or_404(Deal, slug=slug)
    if not can_view(request.user, deal):
        raise Http404
    require_coordinator(request.user, deal)
    form = RequestForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        email, action = form.cleaned_data["email"], request.POST.get("action", "find")
        if action == "export":
            data = services.export(actor=request.user, email=email, deal=deal)
            return HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json",
                headers={"Content-Disposition": f'attachment; filename="gegevens-{deal.slug}.json"'},
            )
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Tick the box to confirm; erasing cannot be undone."))
            else:
                n = services.erase(actor=request.user, email=email, deal=deal)
                messages.success(request, _("%(n)s records no longer hold this person's data.") % {"n": n})
                return redirect("privacy:deal", slug=deal.slug)
        found = services.find(actor=request.user, email=email, deal=deal)
    return render(
        request,
        "privacy/deal.html",
        {"deal": deal, "form": form, "found": found},
        status=400 if form.errors else 200,
    )
