"""An API action's two ends, written once for every view: reading its body and answering
that something was created."""

from typing import Any

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer


def request_body(
    serializer_class: type[BaseSerializer], request: Request, **kwargs: Any
) -> dict[str, Any]:
    """The body checked by `serializer_class`: its validated data, or a 400 with the
    field errors in the API's error envelope (raised, so nothing is half-done)."""
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def created(serializer_class: type[BaseSerializer], obj: Any, request: Request) -> Response:
    """201 with the new object as `serializer_class` shows it (links made absolute)."""
    body = serializer_class(obj, context={"request": request}).data
    return Response(body, status=status.HTTP_201_CREATED)
