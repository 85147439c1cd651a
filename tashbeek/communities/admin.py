from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Community


@admin.register(Community)
class CommunityAdmin(ReadOnlyAdmin):
    """Read-only here: communities are opened through the secretariat's page (audited)."""

    list_display = ["__str__", "kind", "join_policy", "parent"]
