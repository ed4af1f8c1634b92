from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def demo():
    """The example data (deals, events, impact monitors); returns (coordinator, partner)."""
    from akkoord.deals.demo import load_demo

    load_demo("demo-password-123")
    users = get_user_model().objects
    return users.get(username="coordinator"), users.get(username="partner")
