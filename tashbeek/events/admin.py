from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Read-only here: events are organised through their pages (audited, permission-checked)."""

    list_display = ["__str__", "kind", "community", "starts_at", "status"]
    list_filter = ["kind", "status"]
