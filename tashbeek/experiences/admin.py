from django.contrib import admin

from .models import Experience


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    """Read-only: experiences go through their pages and review (audited, permission-checked)."""

    list_display = ["title", "organisation", "language", "status", "transfer_status"]
    list_filter = ["status", "language", "transfer_status"]
    search_fields = ["title", "external_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
