from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Experience


@admin.register(Experience)
class ExperienceAdmin(ReadOnlyAdmin):
    """Read-only: experiences go through their pages and review (audited, permission-checked)."""

    list_display = ["title", "organisation", "language", "status", "transfer_status"]
    list_filter = ["status", "language", "transfer_status"]
    search_fields = ["title", "external_id"]
