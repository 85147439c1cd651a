from django.contrib import admin

from .models import AuditEntry, Theme


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that change only through their services and pages (which check the state,
    lock the row and write the audit entry): the operator's admin may look, not touch."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["slug", "scheme", "parent", "position"]
    list_filter = ["scheme"]
    search_fields = ["slug"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the trail is never edited or deleted through the application."""

    list_display = ["created_at", "actor_label", "action", "object_label", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_label", "actor_label", "reason"]
    date_hierarchy = "created_at"
