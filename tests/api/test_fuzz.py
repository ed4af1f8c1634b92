"""Schemathesis against the committed OpenAPI document (docs/api/openapi.yaml).

Every operation gets generated requests, valid and invalid, anonymously and with a
coordinator's token, against the example data: no server error, and every response (its
status, content type and body) must match the document. ``AKKOORD_FUZZ_EXAMPLES`` sets
the examples per operation (CI keeps the whole run to a few minutes).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
EXAMPLES = int(os.environ.get("AKKOORD_FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_path(DOCUMENT)

pytestmark = pytest.mark.fuzz


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """The example data and a coordinator's token, once for the module, rolled back after it."""
    from django.core.wsgi import get_wsgi_application

    from akkoord.accounts import tokens
    from akkoord.deals.demo import load_demo

    # As Django's test client does: requests must not close the connection that holds the
    # module's transaction (on PostgreSQL it would; SQLite's in-memory test database ignores it).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            result = load_demo("demo-password-123")
            _token, key = tokens.issue(user=result["coordinator"], name="schemathesis")
            yield {"app": get_wsgi_application(), "Authorization": f"Token {key}"}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests every run: a failure can be reproduced
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_the_api_keeps_to_its_document(case: Any, who: str, world: Any, db: Any) -> None:
    headers = {"Authorization": world["Authorization"]} if who == "coordinator" else {}
    case.call_and_validate(app=world["app"], headers=headers, checks=CHECKS)
