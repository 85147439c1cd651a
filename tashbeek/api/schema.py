"""The OpenAPI document: a summary for every operation and every operation's errors.

Summaries come from `extend_schema(summary=…)` where a view gives one, else from the first line
of the action's docstring, else from the action and the model ("List events", "Register
(event)"). Errors are added by a post-processing hook from what every operation can answer:
401 for a bad token, 403 for a missing right, 404 on a path with an identifier, 400 on a write
or a filtered list, 409 where a view declares it. `tashbeek/api/tests/test_schema.py` validates
the whole document with openapi-spec-validator.
"""

from django.utils import translation
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

VERBS = {
    "list": "List",
    "retrieve": "Get",
    "create": "Create",
    "update": "Replace",
    "partial_update": "Update",
    "destroy": "Delete",
}
ERROR_TEXT = {
    "400": "Invalid values: the body says which field and why.",
    "401": "The token is missing, unknown or expired.",
    "403": "The person may not do this.",
    "404": "Not found, or not visible to the person asking.",
}
ERROR_REF = {"$ref": "#/components/schemas/ErrorEnvelope"}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema with a summary for every operation."""

    def get_summary(self) -> str | None:
        explicit = super().get_summary()
        if explicit:
            return explicit
        handler = self._handler()
        doc = (getattr(handler, "__doc__", None) or "").strip()
        if doc:
            return doc.splitlines()[0].rstrip(".")
        return self._generated_summary()

    def get_auth(self):
        """Operations anyone may call (no permission in the view's `permission_map`, as
        `RulesPermission` reads it) say so: a token is optional there."""
        auth = super().get_auth()
        mapping = getattr(self.view, "permission_map", None)
        action = getattr(self.view, "action", None) or self.method.lower()
        if mapping is not None and mapping.get(action) is None and {} not in auth:
            auth.append({})
        return auth

    def _handler(self):
        action = getattr(self.view, "action", None)
        return getattr(self.view, action or self.method.lower(), None)

    def _noun(self, plural: bool) -> str:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if model is None:
            serializer = getattr(self.view, "serializer_class", None)
            model = getattr(getattr(serializer, "Meta", None), "model", None)
        if model is None:
            return self.view.__class__.__name__.removesuffix("ViewSet").removesuffix("View")
        meta = model._meta
        with translation.override("en"):  # the API's documentation is in English
            return str(meta.verbose_name_plural if plural else meta.verbose_name)

    def _generated_summary(self) -> str:
        action = getattr(self.view, "action", None) or self.method.lower()
        if action in VERBS:
            return f"{VERBS[action]} {self._noun(plural=action == 'list')}"
        return f"{action.replace('_', ' ').capitalize()} ({self._noun(plural=False)})"


def _errors_for(path: str, method: str, operation: dict) -> list[str]:
    codes = ["401", "403"]
    if "{" in path:
        codes.append("404")
    filtered = any(p.get("in") == "query" for p in operation.get("parameters", []))
    if method != "get" or filtered:
        codes.append("400")
    return codes


def document_errors(result, generator, request, public):
    """Post-processing hook: every operation lists the errors it can answer, in one shape."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    if "ErrorEnvelope" not in schemas:
        return result
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code in _errors_for(path, method, operation):
                responses.setdefault(
                    code,
                    {
                        "description": ERROR_TEXT[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return result
