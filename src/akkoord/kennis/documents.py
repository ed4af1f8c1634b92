"""What is searchable, and the index kept up to date on every save and delete.

Each indexed model has a *builder* that turns a record into a :class:`Doc` (or None when
the record is not searchable, such as a draft case). Signals write the document in the same
transaction as the record, so the index never lags behind (incremental: one row per save).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse

from akkoord.deals.models import Deal, Decision, WorkingGroup
from akkoord.engines.search import index_terms, markers
from akkoord.events.models import Event
from akkoord.impact.models import Narrative

from .models import Barrier, Case, CaseStatus, Publication, SearchDocument, SearchFacet

MAX_TEXT = 20_000  # characters of a record's text kept for snippets and terms


@dataclass
class Doc:
    title: str
    text: str
    url: str
    public: bool
    deal_id: int | None
    facets: list[tuple[str, str]] = field(default_factory=list)


def _regions(regions: Iterable[Any]) -> list[tuple[str, str]]:
    """A region's code and those of the province and labour-market region it lies in."""
    return [("region", c) for c in sorted({p.code for r in regions for p in r.with_parents()})]


def _deal_facets(deal: Deal) -> list[tuple[str, str]]:
    return [("phase", deal.phase), *_regions(deal.regions.select_related("province", "labour_market_region"))]


def _deal(deal: Deal) -> Doc:
    text = "\n".join(x for x in (deal.summary, deal.ambition, deal.programme) if x)
    return Doc(deal.title, text, deal.get_absolute_url(), deal.is_public, deal.pk, _deal_facets(deal))


def _in_deal(title: str, text: str, deal: Deal, anchor: str) -> Doc:
    return Doc(title, text, deal.get_absolute_url() + anchor, deal.is_public, deal.pk, _deal_facets(deal))


def _decision(d: Decision) -> Doc:
    return _in_deal(d.title, "\n".join((d.decision, d.rationale, d.options_considered)), d.deal, "#decisions")


def _working_group(w: WorkingGroup) -> Doc:
    keywords = " ".join(k for k in w.keywords if isinstance(k, str))
    return _in_deal(w.name, "\n".join((w.theme, w.description, keywords)), w.deal, "#working-groups")


def _lesson(n: Narrative) -> Doc:
    doc = _in_deal(n.title, n.text, n.deal, "")
    doc.url = reverse("impact:monitor", args=[n.deal.slug]) + f"#story-{n.pk}"
    return doc


def _event(e: Event) -> Doc:
    deal = e.deal
    public = deal is None or deal.is_public
    facets = _deal_facets(deal) if deal else []
    return Doc(
        e.title, "\n".join((e.location, e.description)), e.get_absolute_url(), public, e.deal_id, facets
    )


def case_text(c: Case) -> str:
    parts = [c.summary, c.place, c.beneficiaries, " ".join(c.themes)]
    parts += [f"{o.description} {o.how} {o.reference}" for o in c.obstacles.all()]
    parts += [s.text for s in c.success_factors.all()]
    parts += [f"{i.name} {i.description}" for i in c.ingredients.all()]
    parts += [r.text for r in c.results.all()]
    return "\n".join(p for p in parts if p)


def _case(c: Case) -> Doc | None:
    deals = list(c.deals.all())
    published = c.status == CaseStatus.PUBLISHED
    facets = [("theme", t.casefold()[:100]) for t in c.themes]
    facets += [("evidence", c.evidence)] + ([("phase", c.phase)] if c.phase else [])
    facets += [("outcome", o) for o in sorted({o.outcome for o in c.obstacles.all()})]
    facets += [("obstacle", k) for k in sorted({o.kind for o in c.obstacles.all()})]
    if c.municipality_id:
        facets += _regions([c.municipality])
    # A draft is found only by the members of its first deal (the writers), a published case by all.
    return Doc(c.title, case_text(c), c.get_absolute_url(), published, deals[0].pk if deals else None, facets)


def _barrier(b: Barrier) -> Doc:
    deals = list(b.deals.all())
    public_deals = [d for d in deals if d.is_public]
    facets = [("outcome", b.outcome)] if b.outcome else []
    text = "\n".join((b.rule, b.description, b.action, b.result))
    # Seen by all when no deal or a public deal shares it; otherwise by the members of its deal.
    public = bool(public_deals) or not deals
    return Doc(b.title, text, b.get_absolute_url(), public, None if public else deals[0].pk, facets)


def _publication(p: Publication) -> Doc:
    text = "\n".join(x for x in (p.author, p.why) if x)
    return Doc(p.title, text, p.get_absolute_url(), True, None, [])


BUILDERS: dict[type[models.Model], tuple[str, Callable[[Any], Doc | None]]] = {
    Deal: ("deal", _deal),
    Case: ("case", _case),
    Narrative: ("lesson", _lesson),
    Barrier: ("barrier", _barrier),
    Decision: ("decision", _decision),
    WorkingGroup: ("working_group", _working_group),
    Event: ("event", _event),
    Publication: ("publication", _publication),
}
KINDS = [kind for kind, _builder in BUILDERS.values()]


def index(obj: models.Model) -> None:
    """Write (or remove) the search document of one record."""
    kind, builder = BUILDERS[type(obj)]
    doc = builder(obj)
    if doc is None:
        unindex(kind, obj.pk)
        return
    title_terms = index_terms(doc.title, doc.text[:MAX_TEXT])
    values = {
        "title": doc.title[:300],
        "text": doc.text[:MAX_TEXT],
        "url": doc.url[:300],
        "public": doc.public,
        "deal_id": doc.deal_id,
        "title_terms": title_terms.title,
        "body_terms": title_terms.body,
        "part_terms": " ".join([title_terms.parts, *markers(kind, doc.public, doc.deal_id)]).strip(),
    }
    with transaction.atomic():
        row, _created = SearchDocument.objects.update_or_create(kind=kind, object_id=obj.pk, defaults=values)
        SearchFacet.objects.filter(document=row).delete()
        SearchFacet.objects.bulk_create(
            [SearchFacet(document=row, name=n, value=v[:100]) for n, v in dict.fromkeys(doc.facets)]
        )


def unindex(kind: str, pk: Any) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk).delete()


def _children(deal: Deal) -> Iterable[models.Model]:
    """Records whose visibility follows their deal's."""
    yield from deal.decisions.all()
    yield from deal.working_groups.all()
    yield from Narrative.objects.filter(deal=deal).select_related("deal")
    yield from Event.objects.filter(deal=deal)


def rebuild() -> int:
    """The whole index again (after a bulk load or a restore); returns the number of documents."""
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for model in BUILDERS:
            for obj in model._default_manager.all():
                index(obj)
    if connection.vendor == "postgresql":  # fresh statistics for the planner, as after a bulk load
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE kennis_searchdocument, kennis_search_index")
    return SearchDocument.objects.count()


def _saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    index(instance)
    if isinstance(instance, Deal):
        for child in _children(instance):
            index(child)


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    unindex(BUILDERS[type(instance)][0], instance.pk)


def _part_changed(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """A case's part was saved or deleted: the case's document changes with it."""
    case = Case.objects.filter(pk=instance.case_id).first()
    if case is not None:
        index(case)


def _m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and type(instance) in BUILDERS:
        _saved(type(instance), instance)


def connect() -> None:
    from .models import CaseIngredient, CaseResult, Obstacle, SuccessFactor

    for model in BUILDERS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"kennis-index-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"kennis-unindex-{model.__name__}")
    for part in (Obstacle, SuccessFactor, CaseIngredient, CaseResult):
        post_save.connect(_part_changed, sender=part, dispatch_uid=f"kennis-part-{part.__name__}")
        post_delete.connect(_part_changed, sender=part, dispatch_uid=f"kennis-part-del-{part.__name__}")
    for through in (Case.deals.through, Barrier.deals.through, Deal.regions.through):
        m2m_changed.connect(_m2m, sender=through, dispatch_uid=f"kennis-m2m-{through.__name__}")
