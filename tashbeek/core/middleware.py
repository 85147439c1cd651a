"""Request-scoped context for services (the client address for the audit trail)."""

from .audit import current_ip


def client_ip(request) -> str | None:
    # Behind the reverse proxy the address is the first X-Forwarded-For hop; axes uses the
    # same rule (django-ipware), so lock-outs and audit entries name the same address.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    address = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
    return address or None


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)
