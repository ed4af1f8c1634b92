"""The impact monitor on the platform: example data, the approval workflow and its permissions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from akkoord.common.models import AuditEvent
from akkoord.deals.models import Deal
from akkoord.impact import selectors, services
from akkoord.impact.models import Indicator, Measurement, Target
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _view(slug: str, code: str, year: int) -> selectors.IndicatorView:
    deal = Deal.objects.get(slug=slug)
    return next(v for v in selectors.indicator_views(deal, year) if v.indicator.code == code)


def test_example_monitors_score_as_the_rules_say(demo) -> None:
    ccb = _view("city-deal-circulair-en-conceptueel-bouwen", "CCB-1", 2024)
    assert ccb.actual.value == pytest.approx(100 * 9_400 / 284_000)  # numerators over denominators
    assert ccb.target.value == 30 and ccb.status == "limited" and ccb.colour == "red"
    assert ccb.trend.enough_data
    hh = _view("city-deal-health-hub-utrecht", "HH-1", 2024)
    assert not hh.indicator.ascending and hh.actual.value == 86 and hh.status == "on_track"
    qual = _view("city-deal-health-hub-utrecht", "HH-2", 2024)
    assert qual.progress is None and qual.actual.texts
    pact = _view("impact-van-soesterberg", "PACT-1", 2024)
    assert pact.actual.value == 4  # the 2024 value is only submitted: it does not count
    assert all(m.is_example for m in Measurement.objects.all())


def test_partner_submits_and_coordinator_approves(demo) -> None:
    coordinator, partner = demo
    indicator = Indicator.objects.get(code="PACT-1")
    m = services.save_measurement(actor=partner, indicator=indicator, data={"year": 2025, "value": 6.0})
    assert m.status == "draft"
    services.submit(actor=partner, measurement=m)
    with pytest.raises(PermissionDenied):
        services.approve(actor=partner, measurement=m)
    with pytest.raises(ValidationError) as exc:
        services.return_measurement(actor=coordinator, measurement=m, reason="  ")
    assert "reason" in exc.value.message_dict
    services.return_measurement(actor=coordinator, measurement=m, reason="Bron ontbreekt")
    m.refresh_from_db()
    assert m.status == "returned" and m.return_reason == "Bron ontbreekt"
    services.save_measurement(
        actor=partner,
        indicator=indicator,
        instance=m,
        data={"year": 2025, "value": 6.0, "evidence": "verslag"},
    )
    services.submit(actor=partner, measurement=m)
    services.approve(actor=coordinator, measurement=m)
    m.refresh_from_db()
    assert m.status == "approved" and m.decided_by == coordinator
    assert _view("impact-van-soesterberg", "PACT-1", 2025).actual.value == 6
    with pytest.raises(ValidationError):  # approved values are final
        services.save_measurement(
            actor=partner, indicator=indicator, instance=m, data={"year": 2025, "value": 7.0}
        )
    statuses = [
        e.changes.get("status")
        for e in AuditEvent.objects.filter(model="impact.Measurement", object_id=str(m.pk))
    ]
    assert ["submitted", "approved"] in statuses and ["submitted", "returned"] in statuses


def test_who_may_enter(demo) -> None:
    coordinator, partner = demo
    outsider = UserFactory()
    ccb = Indicator.objects.get(code="CCB-1")
    with pytest.raises(PermissionDenied):  # the partner is a contact in the pact, not in this deal
        services.save_measurement(
            actor=partner, indicator=ccb, data={"year": 2026, "numerator": 1, "denominator": 2}
        )
    with pytest.raises(PermissionDenied):
        services.save_measurement(
            actor=outsider, indicator=Indicator.objects.get(code="PACT-1"), data={"year": 2026, "value": 1.0}
        )


@pytest.mark.parametrize(
    ("code", "data", "field"),
    [
        ("CCB-1", {"year": 2026, "numerator": 5, "denominator": 0}, "denominator"),
        ("CCB-1", {"year": 2026, "numerator": 5}, "denominator"),
        ("CCB-1", {"year": 2026, "numerator": 9, "denominator": 5}, "numerator"),
        ("HH-2", {"year": 2026, "text": " "}, "text"),
        ("HH-1", {"year": 2026}, "value"),
        ("HH-1", {"year": 2024, "value": 80.0}, "year"),  # 2024 has a value already
        ("HH-1", {"year": 1800, "value": 80.0}, "year"),
    ],
)
def test_bad_values_name_the_field_and_change_nothing(demo, code: str, data: dict, field: str) -> None:
    coordinator, _ = demo
    before = Measurement.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.save_measurement(actor=coordinator, indicator=Indicator.objects.get(code=code), data=data)
    assert field in exc.value.message_dict
    assert Measurement.objects.count() == before


def test_a_deal_that_rolls_up_its_children_takes_no_direct_entry(demo) -> None:
    coordinator, _ = demo
    parent = Deal.objects.get(slug="city-deal-health-hub-utrecht")
    children = list(Deal.objects.filter(kind="city_deal").exclude(pk=parent.pk)[:2])
    total = services.save_definition(
        actor=coordinator,
        instance=Indicator(deal=parent),
        data={
            "code": "WON",
            "title": "Woningen",
            "measure": "unit",
            "rolls_up": True,
            "baseline_year": 2020,
            "baseline_value": 0.0,
        },
    )
    services.save_definition(
        actor=coordinator, instance=Target(indicator=total), data={"year": 2030, "value": 100.0}
    )
    for child, values in zip(children, ((10.0, 15.0), (20.0,)), strict=True):
        child.parent = parent
        child.save()
        own = services.save_definition(
            actor=coordinator,
            instance=Indicator(deal=child),
            data={
                "code": "WON",
                "title": "Woningen",
                "measure": "unit",
                "baseline_year": 2020,
                "baseline_value": 0.0,
            },
        )
        for k, v in enumerate(values):
            m = services.save_measurement(
                actor=coordinator, indicator=own, data={"year": 2022 + k, "value": v}
            )
            services.submit(actor=coordinator, measurement=m)
            services.approve(actor=coordinator, measurement=m)
    view = _view(parent.slug, "WON", 2023)
    assert view.actual.value == 45 and sorted(view.children) == sorted(c.title for c in children)
    with pytest.raises(ValidationError) as exc:
        services.save_measurement(actor=coordinator, indicator=total, data={"year": 2023, "value": 1.0})
    assert "indicator" in exc.value.message_dict


def test_indicator_views_take_a_fixed_number_of_queries(demo, django_assert_max_num_queries) -> None:
    deal = Deal.objects.get(slug="city-deal-health-hub-utrecht")
    with django_assert_max_num_queries(4):
        views = selectors.indicator_views(deal, 2024)
        [v.status for v in views]


def test_a_returned_value_is_e_mailed_and_shown_open(client, demo) -> None:
    """A returned value sent no e-mail and its reason hid in a collapsed list (issue 11)."""
    from django.core import mail
    from django.urls import reverse

    coordinator, partner = demo
    partner.email = "partner@example.org"
    partner.save()
    indicator = Indicator.objects.get(code="PACT-1")
    m = services.save_measurement(actor=partner, indicator=indicator, data={"year": 2025, "value": 6.0})
    services.submit(actor=partner, measurement=m)
    mail.outbox.clear()
    services.return_measurement(actor=coordinator, measurement=m, reason="Bron ontbreekt")
    (sent,) = mail.outbox
    assert sent.to == ["partner@example.org"] and "Bron ontbreekt" in sent.body
    assert f"/values/{m.pk}/" in sent.body or str(m.pk) in sent.body
    client.force_login(partner)
    html = client.get(reverse("impact:monitor", args=["impact-van-soesterberg"])).content.decode()
    alert = html[html.index("utrecht-alert--warning") :][:600]
    assert "Bron ontbreekt" in alert and "2025" in alert
