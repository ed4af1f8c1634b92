"""The area's social quality (issue 13, part 3): the five pillars and the five I's scored 1 to 5
with evidence per review date, shown over time; hardware, software and orgware; only whoever may
edit the area adds a review, every score is audited, and the database holds the range."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse

from akkoord.common.models import AuditEvent
from akkoord.finance.models import Area
from akkoord.quality.models import ITEMS, Review, Score

pytestmark = pytest.mark.django_db


def test_the_area_page_shows_the_reviews_over_time(client, demo) -> None:
    pampus = Area.objects.get(name="Almere Pampus")
    html = client.get(pampus.get_absolute_url()).content.decode()
    assert 'id="quality"' in html and "De vijf pijlers" in html and "stad op ooghoogte" in html
    assert "van grondexploitatie naar gebiedsexploitatie" in html  # the orgware, from the document
    assert html.count('<svg role="img"') >= 3  # norms, pillars, I's
    api = client.get(f"/api/v1/area-quality/{pampus.slug}").json()
    assert [r["reviewed_on"] for r in api] == ["2025-03-01", "2026-03-01"] and len(api[1]["scores"]) == 10


def test_only_an_editor_of_the_area_adds_a_review_and_it_is_audited(client, demo) -> None:
    pampus = Area.objects.get(name="Almere Pampus")
    url = reverse("quality:add", args=[pampus.slug])
    client.force_login(get_user_model().objects.get(username="partner"))
    assert client.post(url, {"reviewed_on": "2027-01-01"}).status_code == 403
    client.force_login(get_user_model().objects.get(username="coordinator"))
    if client.get(url).status_code == 403:  # the coordinator of another deal: a finance editor then
        editor = get_user_model().objects.create_superuser("beheer", "b@example.org", "x-Beheer-2026!")
        client.force_login(editor)
    bad = client.post(url, {"reviewed_on": "2027-01-01", "i_inclusive_evidence": "zonder score"})
    assert bad.status_code == 400 and "i_inclusive_score" in bad.context["form"].errors
    assert client.post(url, {"reviewed_on": "2027-01-01", "i_inclusive_score": "9"}).status_code == 400
    before = Review.objects.count()
    form = {
        "reviewed_on": "2027-01-01",
        "reviewed_by": "Wijkteam",
        "i_inclusive_score": "4",
        "i_inclusive_evidence": "Gemengde plinten.",
    }
    assert client.post(url, form).status_code == 302
    assert Review.objects.count() == before + 1
    review = Review.objects.get(area=pampus, reviewed_on="2027-01-01")
    assert [(s.item, s.score) for s in review.scores.all()] == [("i_inclusive", 4)]
    assert AuditEvent.objects.filter(model="quality.Score", action="create").exists()
    again = client.post(url, form)  # the same date twice: the constraint, said on the form
    assert again.status_code == 400 and Review.objects.count() == before + 1


def test_the_database_holds_scores_from_one_to_five(demo) -> None:
    review = Review.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(review=review, item="pillar_social_x", score=6)
    assert len(ITEMS) == 10  # five pillars and five I's


def test_deleting_an_area_takes_its_reviews_and_population_with_it_each_audited(demo) -> None:
    from akkoord.finance import services
    from akkoord.norms.models import AreaPopulation

    pampus = Area.objects.get(name="Almere Pampus")
    admin = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x-Beheer-2026!")
    reviews = Review.objects.filter(area=pampus).count()
    services.delete(actor=admin, instance=pampus)
    assert not Review.objects.filter(area_id=pampus.pk).exists()
    assert not AreaPopulation.objects.filter(area_id=pampus.pk).exists()
    assert AuditEvent.objects.filter(model="quality.Review", action="delete").count() == reviews
    assert AuditEvent.objects.filter(model="quality.Score", action="delete").count() == 20
    assert AuditEvent.objects.filter(model="norms.AreaPopulation", action="delete").count() == 1
