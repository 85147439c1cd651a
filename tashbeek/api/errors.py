"""Every API error has one JSON shape:

{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_handler


class ErrorSerializer(serializers.Serializer):
    """Documented in the OpenAPI schema as the body of every 4xx answer."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    # The envelope's own "fields" key (which field each message is about), not the
    # serializer's field map.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class ErrorEnvelopeSerializer(serializers.Serializer):
    error = ErrorSerializer()


ERRORS = {
    400: ErrorEnvelopeSerializer,
    403: ErrorEnvelopeSerializer,
    404: ErrorEnvelopeSerializer,
    409: ErrorEnvelopeSerializer,
}


class Conflict(exceptions.APIException):
    """The object changed since the client read it (e.g. a decision on a stale version)."""

    status_code = 409
    default_code = "stale"


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "stale":
        exc = Conflict(exc.messages[0])
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            getattr(exc, "message_dict", {"non_field_errors": exc.messages})
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": getattr(exc, "default_code", "error")}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["code"] = "invalid"
        body["message"] = _("The request has invalid values.")
        body["fields"] = {
            key: [str(m) for m in (v if isinstance(v, list) else [v])] for key, v in detail.items()
        }
    else:
        body["message"] = str(getattr(exc, "detail", exc))
    response.data = {"error": body}
    return response
