"""The operator's view of cooperation: read-only, since every change goes through the
services (confirmations, audit)."""

from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Agreement, Project


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "status", "signed_on", "ends_on"]
    list_filter = ["kind", "status"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "lead", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
