"""Health check, the secretariat's audit log and outbox, and the error pages (JSON under /api/)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext, ngettext
from django.views import csrf, defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .audit_display import audit_rows
from .forms import AuditFilterForm
from .outbox import outbox_retry, outbox_summary
from .web import FORM, view


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the application and its database answer; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever its type
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@view("core.view_auditentry", sign_in=False)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None, object_types=selectors.audit_object_types())
    entries = selectors.audit_entries(**(form.filters() if request.GET else {}))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = audit_rows(page.object_list)
    return render(request, "core/audit_log.html", {"page": page, "rows": rows, "form": form})


@view("core.manage_outbox", methods=FORM, sign_in=False)
def outbox(request: HttpRequest) -> HttpResponse:
    """E-mails waiting or failing (the mail server refused or was down), and sending the
    failed ones again."""
    if request.method == "POST":
        count = outbox_retry(by=request.user)
        messages.success(
            request,
            ngettext("%(n)s e-mail will be sent again.", "%(n)s e-mails will be sent again.", count)
            % {"n": count},
        )
        return redirect("outbox")
    return render(request, "core/outbox.html", outbox_summary())


# Private or endless corners (sign-in, the API, the audit log, every filter combination of
# the directory's export) stay out of search engines; the sitemap lists the public pages.
ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /api/
Disallow: /audit/
Disallow: /outbox/
Disallow: /notifications/
Disallow: /members/export.
Disallow: /i18n/
Sitemap: {site}/sitemap.xml
"""


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    site = request.build_absolute_uri("/").rstrip("/")
    return HttpResponse(ROBOTS.format(site=site), content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon."""
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))


def _api_error(request: HttpRequest, status: int, code: str, message: str) -> JsonResponse:
    body = {"error": {"status": status, "code": code, "message": message}}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A URL nothing answers: under /api/ the API's JSON error shape, elsewhere the page."""
    if request.path.startswith("/api/"):
        return _api_error(request, 404, "not_found", gettext("Not found."))
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _api_error(request, 500, "error", gettext("Something went wrong on our side."))
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if request.path.startswith("/api/"):
        message = gettext("Send your API token, or the CSRF token with a signed-in session.")
        return _api_error(request, 403, "permission_denied", message)
    return csrf.csrf_failure(request, reason)
