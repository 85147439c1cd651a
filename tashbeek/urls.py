"""Root URLs. Pages are not language-prefixed: the language comes from the person's choice
(cookie, set at sign-in from their preference) or the browser, Arabic by default."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from tashbeek.communities.sitemaps import CommunitySitemap
from tashbeek.core import views as core_views
from tashbeek.events.sitemaps import EventSitemap
from tashbeek.experiences.sitemaps import ExperienceSitemap
from tashbeek.library.sitemaps import DocumentSitemap
from tashbeek.members.sitemaps import OrganisationSitemap
from tashbeek.members.views.home import home as members_home

SITEMAPS = {
    "organisations": OrganisationSitemap,
    "communities": CommunitySitemap,
    "events": EventSitemap,
    "experiences": ExperienceSitemap,
    "documents": DocumentSitemap,
}

urlpatterns = [
    path("", members_home, name="home"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("healthz", core_views.healthz, name="healthz"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path("outbox/", core_views.outbox, name="outbox"),
    path("members/", include("tashbeek.members.urls")),
    path("notifications/", include("tashbeek.notifications.urls")),
    path("communities/", include("tashbeek.communities.urls")),
    path("communities/<slug:slug>/discussions/", include("tashbeek.discussions.urls")),
    path("communities/<slug:slug>/plan/", include("tashbeek.workplans.urls")),
    path("library/", include("tashbeek.library.urls")),
    path("experiences/", include("tashbeek.experiences.urls")),
    path("events/", include("tashbeek.events.urls")),
    path("search/", include("tashbeek.search.urls")),
    path("needs/", include("tashbeek.needs.urls")),
    path("governance/", include("tashbeek.governance.urls")),
    path("cooperation/", include("tashbeek.cooperation.urls")),
    path("accounts/", include("tashbeek.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("tashbeek.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG or settings.MEDIA_URL.startswith("/"):
    # Logos are public; in production a web server or object storage may serve /media/ instead.
    urlpatterns.append(
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
    )

# Errors under /api/ answer in the API's JSON shape, as every other API error does.
handler404 = "tashbeek.core.views.not_found"
handler500 = "tashbeek.core.views.server_error"
