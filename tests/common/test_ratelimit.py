"""Finding 7: rate limits keyed on the socket address only, with check and count as two steps."""

from __future__ import annotations

import threading

import pytest
from django.test import Client, RequestFactory, override_settings

from akkoord.common import ratelimit


def _request(remote: str = "10.0.0.1", forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


@override_settings(TRUSTED_PROXIES=1)
def test_behind_the_proxy_each_visitor_has_their_own_bucket() -> None:
    a = _request(forwarded="203.0.113.7")
    b = _request(forwarded="198.51.100.9")
    for _ in range(3):
        ratelimit.limit(a, "t1", "3/h")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.limit(a, "t1", "3/h")
    ratelimit.limit(b, "t1", "3/h")  # another visitor behind the same proxy is not blocked
    # A forged left-hand entry does not give a fresh bucket: the proxy's own entry counts.
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.limit(_request(forwarded="1.2.3.4, 203.0.113.7"), "t1", "3/h")


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    for forged in ("1.1.1.1", "2.2.2.2"):
        ratelimit.limit(_request(forwarded=forged), "t2", "2/h")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.limit(_request(forwarded="3.3.3.3"), "t2", "2/h")


def test_check_and_count_are_one_step_under_concurrency() -> None:
    """Forty threads at once against a limit of 10: exactly 10 pass."""
    passed: list[int] = []
    barrier = threading.Barrier(40)

    def worker() -> None:
        barrier.wait(timeout=10)
        try:
            ratelimit.limit(_request(), "t3", "10/h")
            passed.append(1)
        except ratelimit.RateLimited:
            pass

    threads = [threading.Thread(target=worker) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(passed) == 10


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1, REGISTRATION_RATE_LIMIT=2)
def test_public_registrations_are_limited_per_visitor_behind_the_proxy() -> None:
    from tests.events.test_registration import make_event

    event = make_event(capacity=50)
    url = f"/events/{event.slug}/register/"

    def post(ip: str, n: int) -> int:
        data = {
            "name": f"P{n}",
            "organisation": "X",
            "stakeholder_type": "market",
            "email": f"p{n}@example.org",
        }
        return Client(HTTP_X_FORWARDED_FOR=ip).post(url, data).status_code

    assert [post("203.0.113.1", n) for n in range(3)] == [200, 200, 429]
    assert post("203.0.113.2", 9) == 200
