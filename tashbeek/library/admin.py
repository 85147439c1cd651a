from django.contrib import admin

from .models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Read-only: documents move through the library pages (audited, permission-checked)."""

    list_display = ["__str__", "kind", "community", "status", "visibility", "updated_at"]
    list_filter = ["kind", "status", "visibility"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
