"""The OpenAPI document is valid OpenAPI 3, every operation has a summary and documents the
errors it can answer, in the one error shape."""

import re

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_the_document_is_valid_openapi(schema):
    validate(schema)  # raises on any error, e.g. a default that breaks its own minLength


def test_every_operation_has_a_summary(schema):
    missing = [f"{m.upper()} {p}" for p, m, op in _operations(schema) if not op.get("summary")]
    assert missing == []
    # The fallback "Verb (model)" means nobody said what the action does.
    generic = [
        op["summary"]
        for *_, op in _operations(schema)
        if re.fullmatch(r"\w+ \([^)]*\)", op["summary"])
    ]
    assert generic == [], "a docstring or extend_schema(summary=…) says what these do"


def test_every_operation_documents_its_errors_in_one_shape(schema):
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        expected = {"401", "403"} | ({"404"} if "{" in path else set())
        if method != "get":
            expected.add("400")
        assert expected <= set(responses), f"{method.upper()} {path}: {sorted(responses)}"
        for code in expected:
            body = responses[code]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorEnvelope"}, (path, code)
