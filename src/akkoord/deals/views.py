"""Deal pages. Views are thin: forms validate, services write, selectors read."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from akkoord.common import hub, notices, ratelimit, readable
from akkoord.common.confirm import confirmed_first
from akkoord.common.exports import XLSX_TYPE
from akkoord.common.models import AuditEvent
from akkoord.common.query import query_int
from akkoord.common.tabular import TableError
from akkoord.common.uploads import guard_upload
from akkoord.organisations.known import details_of
from akkoord.organisations.models import StakeholderType
from akkoord.web import charts
from akkoord.web.forms import apply_errors

from . import exporting, forms, importing, invitations, permissions, selectors, services
from .filters import DealFilter
from .models import (
    ChairTerm,
    CharterFeedback,
    CharterVersion,
    Commitment,
    ContributionInvitation,
    Deal,
    DealMembership,
    Decision,
    Milestone,
    Partnership,
    WorkingGroup,
)

SOURCE_NOTE = gettext_lazy("Source: Akkoord deal registry; see the sources named with each record.")


def _visible_deal(request: HttpRequest, slug: str) -> Deal:
    deal = get_object_or_404(Deal, slug=slug)
    if not permissions.can_view(request.user, deal):
        raise Http404
    return deal


def _coordinated_deal(request: HttpRequest, slug: str) -> Deal:
    deal = _visible_deal(request, slug)
    permissions.require_coordinator(request.user, deal)
    return deal


def deal_list(request: HttpRequest) -> HttpResponse:
    base = selectors.deal_list_queryset(permissions.visible_deals(request.user))
    f = DealFilter(request.GET, queryset=base)
    qs = base.none() if f.errors else f.qs  # an invalid filter shows its error, not every deal
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": f, "page": page, "query": query.urlencode()}
    template = "deals/_results.html" if request.htmx else "deals/list.html"
    return render(request, template, context)


COMMITMENTS_PER_PAGE = 50
LONG_LIST = 30  # more partners than this: their tables start folded, under their totals


def _panels(request: HttpRequest, deal: Deal) -> dict[str, list[Any]]:
    """The sections other apps contribute (common/hub.py), rendered; empty ones left out."""
    shown = [(panel, html) for panel in hub.deal_panels() if (html := panel.render(request, deal))]
    return {
        "panels": [(p, h) for p, h in shown if not p.at_end],
        "end_panels": [(p, h) for p, h in shown if p.at_end],
    }


def deal_detail(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _visible_deal(request, slug)
    overview = selectors.deal_overview(deal)
    type_labels = dict(StakeholderType.choices)
    counts = overview.type_counts
    balance_chart = None
    if any(counts.values()):
        # All five types are drawn: a type without partners is a finding too.
        most = max(counts.values())
        tops = [str(type_labels[t]) for t in counts if counts[t] == most]
        total = sum(counts.values())
        if len(tops) == 1:
            title = _("%(type)s has the most partners (%(n)s of %(total)s)") % {
                "type": tops[0].capitalize(),
                "n": most,
                "total": total,
            }
        else:  # a tie names every type that shares the most
            title = _("%(types)s have the most partners (%(n)s each, of %(total)s)") % {
                "types": get_text_list(tops, str(_("and"))).capitalize(),
                "n": most,
                "total": total,
            }
        balance_chart = charts.bar_chart(
            title,
            tuple(str(type_labels[t]) for t in counts),
            tuple(float(n) for n in counts.values()),
            _("number of active partners"),
            str(SOURCE_NOTE),
        )
    money_chart = None
    if overview.money_by_type:
        pledged = sum(t.pledged for _, _, t in overview.money_by_type)
        delivered = sum(t.delivered for _, _, t in overview.money_by_type)
        share = int(round(100 * delivered / pledged)) if pledged else 0
        money_chart = charts.paired_bar_chart(
            _("%(share)s%% of the money pledged has been delivered") % {"share": share},
            tuple(label for _, label, _ in overview.money_by_type),
            tuple(float(t.pledged) / 1000 for _, _, t in overview.money_by_type),
            tuple(float(t.delivered) / 1000 for _, _, t in overview.money_by_type),
            (_("pledged"), _("delivered")),
            _("thousands of euros"),
            str(SOURCE_NOTE),
        )
    is_coord = permissions.is_coordinator(request.user, deal)
    # A long list of commitments is shown a page at a time; the totals and the chart count all.
    commitments = Paginator(overview.commitments, COMMITMENTS_PER_PAGE)
    commitment_page = commitments.page(query_int(request, "commitments", 1, 1, commitments.num_pages))
    context = {
        "deal": deal,
        "o": overview,
        "commitment_page": commitment_page,
        "collapse_lists": sum(len(rows) for _, _, rows in overview.partner_groups) > LONG_LIST,
        "is_coordinator": is_coord,
        "is_partner_contact": not is_coord and bool(permissions.contact_organisation_ids(request.user, deal)),
        "history": deal.history.all(),
        "chair_terms": deal.chair_terms.select_related("organisation"),
        "working_groups": deal.working_groups.select_related("lead").prefetch_related("members"),
        "milestones": deal.milestones.all(),
        "decisions": deal.decisions.all(),
        **_panels(request, deal),
        "phase_notes": hub.phase_notes(request, deal) if is_coord else [],
        "this_year": timezone.localdate().year,
        "regions": deal.regions.all(),
        # A programme and its sub-projects, as far as the reader may see them.
        "parent": deal.parent if deal.parent_id and permissions.can_view(request.user, deal.parent) else None,
        "children": [c for c in deal.children.order_by("title") if permissions.can_view(request.user, c)],
        "balance_chart": balance_chart,
        "money_chart": money_chart,
        "status_form": forms.TransitionForm(choices=forms.status_choices(deal)) if is_coord else None,
        "phase_form": forms.TransitionForm(choices=forms.phase_choices(deal)) if is_coord else None,
        "pending_feedback": (
            CharterFeedback.objects.filter(version__deal=deal, status=CharterFeedback.Status.PENDING).count()
            if is_coord
            else 0
        ),
    }
    return render(request, "deals/detail.html", context)


def _form_page(
    request: HttpRequest, deal: Deal | None, form: Any, title: str, *, intro: str = "", **extra: Any
) -> HttpResponse:
    return render(
        request,
        "deals/form.html",
        {"deal": deal, "form": form, "title": title, "intro": intro, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def deal_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_deal(request.user):
        raise PermissionDenied(_("Registering deals needs a permission; staff of the platform give it."))
    form = forms.DealForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            deal = services.create_deal(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The deal has been registered. You are its coordinator."))
            return redirect(deal)
    return _form_page(request, None, form, _("Register a deal"))


@login_required
def deal_edit(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    form = forms.DealForm(request.POST or None, instance=Deal.objects.get(pk=deal.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_deal(actor=request.user, deal=deal, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The deal has been saved."))
            return redirect(deal)
    return _form_page(request, deal, form, _("Edit the deal"))


@login_required
@require_POST
def deal_transition(request: HttpRequest, slug: str, field: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    if field not in {"status", "phase"}:
        raise Http404
    choices = forms.status_choices(deal) if field == "status" else forms.phase_choices(deal)
    form = forms.TransitionForm(request.POST, choices=choices)
    if form.is_valid():
        change = services.change_status if field == "status" else services.change_phase
        try:
            change(
                actor=request.user,
                deal=deal,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
                rationale=form.cleaned_data["rationale"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return notices.done(
                request, _("The change has been recorded."), deal.get_absolute_url(), "history"
            )
    title = _("Change the status") if field == "status" else _("Change the phase")
    return _form_page(request, deal, form, title)


# --- partners ------------------------------------------------------------------


@login_required
def partner_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    instance = get_object_or_404(Partnership, pk=pk, deal=deal) if pk else None
    form = forms.PartnerForm(request.POST or None, instance=instance or Partnership(deal=deal))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                org = data.get("organisation") or (instance.organisation if instance else None)
                if org is None:
                    org = services.find_or_create_organisation(
                        actor=request.user,
                        name=data["new_organisation"],
                        stakeholder_type=data["new_stakeholder_type"],
                        is_example=deal.is_example,
                    )
                values = {
                    k: data[k]
                    for k in (
                        "roles",
                        "government_roles",
                        "joined_on",
                        "left_on",
                        "note",
                        "source",
                    )
                }
                values["organisation"] = org
                if data.get("contact_name"):
                    values["contact_name"] = data["contact_name"]
                    values["contact_email"] = data.get("contact_email", "")
                    values["contact_show_name"] = data.get("contact_show_name", False)
                services.save_partner(actor=request.user, deal=deal, data=values, instance=instance)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return notices.done(
                request, _("The partner has been saved."), deal.get_absolute_url(), "partners"
            )
    title = _("Edit partner") if instance else _("Add a partner")
    return _form_page(request, deal, form, title, privacy="contact")


@guard_upload(lambda request, slug: _coordinated_deal(request, slug))
@login_required
def partner_import(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importing.import_partners(
                actor=request.user, deal=deal, source=upload, filename=upload.name
            )
        except TableError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("%(created)s partners added and %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect(deal.get_absolute_url() + "#partners")
    return render(
        request,
        "deals/import.html",
        {"deal": deal, "form": form, "errors": errors, "columns": importing.COLUMNS},
        status=400 if errors or form.errors else 200,
    )


# --- commitments, signatures ----------------------------------------------------


@login_required
def commitment_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    deal = _visible_deal(request, slug)
    instance = get_object_or_404(Commitment, pk=pk, deal=deal) if pk else None
    if permissions.is_coordinator(request.user, deal):
        partnerships = deal.partnerships.all()
    else:
        orgs = permissions.contact_organisation_ids(request.user, deal)
        if not orgs:
            raise PermissionDenied(_("Only a coordinator or a partner contact may record commitments."))
        partnerships = deal.partnerships.filter(organisation_id__in=orgs)
        if instance and instance.partnership.organisation_id not in orgs:
            raise PermissionDenied
    form = forms.CommitmentForm(
        request.POST or None, instance=instance or Commitment(deal=deal), deal=deal, partnerships=partnerships
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data.items())
        try:
            services.save_commitment(
                actor=request.user,
                deal=deal,
                data=data,
                instance=Commitment.objects.get(pk=pk) if pk else None,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return notices.done(
                request, _("The commitment has been saved."), deal.get_absolute_url(), "commitments"
            )
    title = _("Edit commitment") if instance else _("Record a commitment")
    return _form_page(request, deal, form, title)


@login_required
def signature_add(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    form = forms.SignatureForm(request.POST or None, deal=deal)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_signature(actor=request.user, deal=deal, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return notices.done(
                request, _("The signature has been recorded."), deal.get_absolute_url(), "signatures"
            )
    return _form_page(
        request,
        deal,
        form,
        _("Record a signature"),
        intro=_(
            "A signature counts only when the signatory has a mandate to commit the organisation. "
            "Describe the proof of the mandate. The final signature follows the intent agreement."
        ),
        privacy="signature",
    )


# --- chair rotation ---------------------------------------------------------------


@login_required
def chair_generate(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)

    form = forms.GenerateRotationForm(
        request.POST or None,
        initial={"start": dt.date(deal.horizon_start, 1, 1), "term_years": deal.chair_term_years},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.generate_chair_rotation(
                actor=request.user,
                deal=deal,
                start=form.cleaned_data["start"],
                term_years=form.cleaned_data["term_years"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return notices.done(
                request, _("A new chair rotation has been made."), deal.get_absolute_url(), "chair"
            )
    return _form_page(
        request,
        deal,
        form,
        _("Make a chair rotation"),
        intro=_(
            "Each stakeholder type gets turns in proportion to its number of active partners, "
            "and no type chairs twice in a row where that can be avoided. "
            "This replaces the current schedule; you can edit each term afterwards."
        ),
    )


# --- generic children: chair terms, working groups, milestones, decisions ----------

CHILDREN: dict[str, tuple[Any, Any, str, Any, Any]] = {
    # name: (model, form, anchor, add title, edit title)
    "chair": (ChairTerm, forms.ChairTermForm, "chair", "", gettext_lazy("Edit chair term")),
    "working-groups": (
        WorkingGroup,
        forms.WorkingGroupForm,
        "working-groups",
        gettext_lazy("Add a working group"),
        gettext_lazy("Edit working group"),
    ),
    "milestones": (
        Milestone,
        forms.MilestoneForm,
        "milestones",
        gettext_lazy("Add a milestone"),
        gettext_lazy("Edit milestone"),
    ),
    "decisions": (
        Decision,
        forms.DecisionForm,
        "decisions",
        gettext_lazy("Record a decision"),
        gettext_lazy("Edit decision"),
    ),
}
DEAL_AWARE_FORMS = (forms.ChairTermForm, forms.WorkingGroupForm)


@login_required
def child_form(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    if kind not in CHILDREN:
        raise Http404
    model, form_class, anchor, add_title, edit_title = CHILDREN[kind]
    deal = _coordinated_deal(request, slug)
    if pk is None and not add_title:
        raise Http404
    instance = get_object_or_404(model, pk=pk, deal=deal) if pk else model(deal=deal)
    kwargs: dict[str, Any] = {"deal": deal} if form_class in DEAL_AWARE_FORMS else {}
    form = form_class(request.POST or None, instance=instance, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in {f.name for f in model._meta.get_fields()}}
        try:
            services.save_child(
                actor=request.user, deal=deal, instance=model.objects.get(pk=pk) if pk else model(), data=data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(deal.get_absolute_url() + f"#{anchor}")
    delete_url = reverse("deals:child_delete", args=[deal.slug, kind, pk]) if pk else None
    return _form_page(request, deal, form, str(edit_title if pk else add_title), delete_url=delete_url)


@login_required
@require_POST
@confirmed_first()
def child_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    if kind not in CHILDREN:
        raise Http404
    model, _form, anchor, *_titles = CHILDREN[kind]
    deal = _coordinated_deal(request, slug)
    instance = get_object_or_404(model, pk=pk, deal=deal)
    try:
        services.delete_child(actor=request.user, deal=deal, instance=instance)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deleted."))
    return redirect(deal.get_absolute_url() + f"#{anchor}")


# --- charter and feedback -----------------------------------------------------------


def _section_diff(old: CharterVersion | None, new: CharterVersion) -> list[dict[str, Any]]:
    """Per section, the words added and removed since the previous version."""
    out = []
    for section in CharterVersion.SECTIONS:
        before = getattr(old, section, "") if old else ""
        after = getattr(new, section)
        if before == after:
            continue
        ops = []
        a, b = before.split(), after.split()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                ops.append(("equal", " ".join(a[i1:i2])))
            else:
                if i2 > i1:
                    ops.append(("delete", " ".join(a[i1:i2])))
                if j2 > j1:
                    ops.append(("insert", " ".join(b[j1:j2])))
        out.append({"section": CharterVersion._meta.get_field(section).verbose_name, "ops": ops})
    return out


def charter(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    deal = _visible_deal(request, slug)
    is_coord = permissions.is_coordinator(request.user, deal)
    versions = list(
        deal.charter_versions.all() if is_coord else deal.charter_versions.exclude(status="draft")
    )
    if not versions:
        if is_coord:
            return redirect("deals:charter_new", slug=deal.slug)
        raise Http404
    current = next((v for v in versions if v.number == number), None) if number else versions[0]
    if current is None:
        raise Http404
    published = [v for v in versions if v.status != CharterVersion.Status.DRAFT]
    previous = next((v for v in published if v.number < current.number), None)
    known = details_of(request.user)
    feedback_form = forms.FeedbackForm(request.POST or None, initial=known)
    sent = rate_limited = False
    if request.method == "POST":
        if feedback_form.is_spam:
            sent = True  # Say nothing to the robot; store nothing.
        elif feedback_form.is_valid():
            data = {k: v for k, v in feedback_form.cleaned_data.items() if k != "website"}
            try:
                ratelimit.limit(request, "feedback", ratelimit.per_hour(settings.FEEDBACK_RATE_LIMIT))
                services.submit_feedback(version=current, data=data)
            except ratelimit.RateLimited:
                rate_limited = True
                feedback_form.add_error(
                    None, _("You have sent a lot of feedback in a short time. Try again in an hour.")
                )
            except ValidationError as exc:
                apply_errors(feedback_form, exc)
            else:
                sent = True
                feedback_form = forms.FeedbackForm(initial=known)
    feedback = (
        current.feedback.all()
        if is_coord
        else current.feedback.filter(status=CharterFeedback.Status.APPROVED)
    )
    context = {
        "deal": deal,
        "versions": versions,
        "version": current,
        "previous": previous,
        "diff": _section_diff(previous, current),
        "feedback": feedback,
        "form": feedback_form,
        "sent": sent,
        "is_coordinator": is_coord,
        "sections": [
            (CharterVersion._meta.get_field(s).verbose_name, getattr(current, s))
            for s in CharterVersion.SECTIONS
        ],
    }
    status = 429 if rate_limited else (400 if feedback_form.errors else 200)
    return render(request, "deals/charter.html", context, status=status)


@login_required
def charter_form(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    instance = get_object_or_404(CharterVersion, deal=deal, number=number) if number else None
    initial = {}
    if instance is None:
        latest = deal.charter_versions.first()
        if latest:
            initial = {s: getattr(latest, s) for s in CharterVersion.SECTIONS}
    form = forms.CharterVersionForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_charter_draft(
                actor=request.user, deal=deal, data=form.cleaned_data, instance=instance
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The draft has been saved. Publish it when it is ready."))
            return redirect("deals:charter_version", slug=deal.slug, number=version.number)
    title = _("Edit draft version %(n)s") % {"n": number} if number else _("New charter version")
    return _form_page(request, deal, form, title)


@login_required
@require_POST
def charter_action(request: HttpRequest, slug: str, number: int, action: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    version = get_object_or_404(CharterVersion, deal=deal, number=number)
    try:
        if action == "publish":
            services.publish_charter_version(actor=request.user, version=version, open_for_feedback=True)
            messages.success(request, _("Version %(n)s is published and open for feedback.") % {"n": number})
        elif action == "close":
            services.close_feedback(actor=request.user, version=version)
            messages.success(request, _("Feedback on version %(n)s is closed.") % {"n": number})
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("deals:charter_version", slug=deal.slug, number=number)


@login_required
@require_POST
def feedback_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    feedback = get_object_or_404(CharterFeedback, pk=pk, version__deal=deal)
    approve = request.POST.get("decision") == "approve"
    services.moderate_feedback(actor=request.user, feedback=feedback, approve=approve)
    text = _("Feedback approved.") if approve else _("Feedback rejected.")
    return notices.done(
        request, text, reverse("deals:charter_version", args=[deal.slug, feedback.version.number]), "feedback"
    )


# --- what can you contribute? ------------------------------------------------------


@login_required
def contribution_request(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    form = forms.ContributionRequestForm(request.POST or None, deal=deal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            req = services.send_contribution_request(
                actor=request.user,
                deal=deal,
                data={
                    "question": data["question"],
                    "message": data["message"],
                    "closes_on": data["closes_on"],
                    "charter_version": deal.charter_versions.exclude(status="draft").first(),
                },
                partnerships=list(data["partnerships"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("The question has been sent to %(n)s partners.") % {"n": req.invitations.count()}
            )
            return redirect("deals:contributions", slug=deal.slug)
    return _form_page(
        request,
        deal,
        form,
        _("Ask partners what they contribute"),
        intro=_(
            "Each partner gets an e-mail with a personal link to the current draft and the question. "
            "Their answers arrive here as pledged commitments."
        ),
    )


@login_required
def contributions(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    requests_ = deal.contribution_requests.prefetch_related(
        "invitations__partnership__organisation", "invitations__commitments"
    )
    return render(request, "deals/contributions.html", {"deal": deal, "requests": requests_})


def contribute(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        ContributionInvitation.objects.select_related("request__deal", "partnership__organisation"),
        token=token,
    )
    req = invitation.request
    formset = forms.ContributionFormSet(request.POST or None, prefix="item")
    note_form = forms.ContributionNoteForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid() and note_form.is_valid():
        items = [
            {
                "kind": f.cleaned_data["kind"],
                "description": f.cleaned_data["description"],
                "pledged_amount": f.cleaned_data.get("pledged_amount"),
            }
            for f in formset
            if f.cleaned_data.get("description")
        ]
        try:
            services.answer_invitation(
                invitation=invitation, items=items, note=note_form.cleaned_data["note"]
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "deals/contribute_done.html", {"invitation": invitation, "deal": req.deal})
    context = {
        "invitation": invitation,
        "deal": req.deal,
        "req": req,
        "formset": formset,
        "note_form": note_form,
        "errors": errors,
        "charter": req.charter_version,
        "sections": [
            (CharterVersion._meta.get_field(s).verbose_name, getattr(req.charter_version, s))
            for s in CharterVersion.SECTIONS
        ]
        if req.charter_version
        else [],
        "previous": invitation.commitments.all(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "deals/contribute.html", context, status=status)


# --- team: who may coordinate or act for a partner ---------------------------------


@login_required
def team(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    form = forms.InviteForm(request.POST or None, contacts=invitations.invitable_contacts(deal))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(
                actor=request.user,
                deal=deal,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s has been sent an invitation.") % {"name": invitation.person.name}
            )
            return redirect("deals:team", slug=deal.slug)
    memberships = deal.memberships.select_related("user", "organisation").order_by("role", "user__username")
    pending = deal.invitations.filter(accepted_at__isnull=True).select_related("person")
    return render(
        request,
        "deals/team.html",
        {"deal": deal, "form": form, "memberships": memberships, "pending": pending},
        status=400 if form.errors else 200,
    )


def invitation(request: HttpRequest, key: str) -> HttpResponse:
    """The invited person's page: make an account (choosing a password) or log in, then accept."""
    found = invitations.find(key)
    if found is None:
        return render(request, "deals/invitation.html", {"invalid": True}, status=404)
    form = forms.AccountForm(request.POST or None) if not request.user.is_authenticated else None
    if request.method == "POST":
        try:
            ratelimit.limit(request, "invitation", "30/h")
            if request.user.is_authenticated:
                invitations.accept(key=key, user=request.user)
            elif form is not None and form.is_valid():
                user = invitations.create_account_and_accept(key=key, data=form.cleaned_data)
                auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise ValidationError({})  # the form shows its own errors
        except ratelimit.RateLimited:
            return render(request, "accounts/locked.html", status=429)
        except ValidationError as exc:
            if form is not None:
                apply_errors(form, exc)
        else:
            messages.success(request, _("Welcome to %(deal)s.") % {"deal": found.deal.title})
            return redirect(found.deal)
    context = {
        "invitation": found,
        "form": form,
        "has_account": invitations.existing_account(found) is not None,
    }
    return render(request, "deals/invitation.html", context, status=400 if form and form.errors else 200)


@login_required
@require_POST
@confirmed_first(gettext_lazy("Take this permission away?"), gettext_lazy("Yes, take it away"))
def team_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    deal = _coordinated_deal(request, slug)
    membership = get_object_or_404(DealMembership, pk=pk, deal=deal)
    try:
        services.revoke(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The permission has been taken away."))
    return redirect("deals:team", slug=deal.slug)


# --- audit trail and export ----------------------------------------------------------


@login_required
def audit_trail(request: HttpRequest, slug: str) -> HttpResponse:
    """The deal's log: a sentence per change, 25 entries a page, filtered by kind, record type,
    person and words in the record's name."""
    deal = _coordinated_deal(request, slug)
    events = AuditEvent.objects.filter(deal=deal).select_related("actor")
    form = forms.AuditFilterForm(
        request.GET or None,
        record_types=readable.record_types(events),
        people=sorted(set(events.order_by().values_list("actor_label", flat=True))),
    )
    if form.is_valid():
        events = form.filter(events)
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    for e in page.object_list:
        e.sentences = readable.describe(e)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"deal": deal, "page": page, "form": form, "query": query.urlencode()}
    return render(request, "deals/audit.html", context)


def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    deal = _visible_deal(request, slug)
    if fmt == "json":
        return HttpResponse(
            exporting.to_json(deal),
            content_type="application/json",
            headers={"Content-Disposition": f'attachment; filename="{deal.slug}.json"'},
        )
    if fmt == "xlsx":
        return HttpResponse(
            exporting.to_xlsx(deal),
            content_type=XLSX_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{deal.slug}.xlsx"'},
        )
    raise Http404
