"""Request-scoped context for services (the client address for the audit trail)."""

from django.conf import settings

from .audit import current_ip


def client_ip(request) -> str | None:
    """The client's address, for audit entries and (AXES_CLIENT_IP_CALLABLE) lock-outs alike.

    X-Forwarded-For is anyone's to write, so it is read only when TRUST_X_FORWARDED_FOR says a
    reverse proxy in front of us sets it."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
