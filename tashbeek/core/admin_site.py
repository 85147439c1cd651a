"""The Django admin is the operator's tool: superusers only.

The network's people (the secretariat included) work in the application, where every change
goes through a service and leaves an audit entry; most admin forms write rows directly. So
the admin answers only superusers (`manage.py createsuperuser`; the demo has
`operator@demo.tashbeek.org`), and tells anyone else who is signed in that it is not for them,
instead of showing an empty index or sending them to a second sign-in page.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class OperatorAdminSite(admin.AdminSite):
    site_header = _("Tashbeek: operator's administration")
    site_title = _("Tashbeek administration")
    index_title = _("Administration")

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def _refuse(self, request):
        return render(
            request,
            "403.html",
            {"reason": _("The administration is for the platform's operator only.")},
            status=403,
        )

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def gate(request, *args, **kwargs):
            signed_in = request.user.is_authenticated
            if signed_in and not self.has_permission(request) and view.__name__ != "logout":
                return self._refuse(request)
            return inner(request, *args, **kwargs)

        return gate

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            return self._refuse(request)
        return super().login(request, extra_context)


class OperatorAdminConfig(AdminConfig):
    default_site = "tashbeek.core.admin_site.OperatorAdminSite"
