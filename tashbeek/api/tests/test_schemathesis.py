"""The API against its own OpenAPI document, generated requests for every operation, with
the token of each persona who has rights (issue 20.4): no 5xx, and every answer matches
what the document declares (status codes, content types, bodies)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tashbeek.tests.factories import api_token

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
# Valid requests only: what a client reading the document would send. Invalid input is the
# fuzz tests' and each app's own bad-input tests' business.
schema.config.generation.update(modes=[GenerationMode.POSITIVE])
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

PERSONAS = ["secretariat", "focal_aourir", "visitor"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: the WSGI handler would close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(request, persona, db):
    user = persona(request.param)
    return api_token(user) if user is not None else None


@pytest.mark.django_db
@pytest.mark.parametrize("token", PERSONAS, indirect=True)
@schema.parametrize()
@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_its_documented_promises(
    case, token, aourir, focal_aourir, community, event, library_document, experience, thread
):
    headers = {"Authorization": token} if token else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
