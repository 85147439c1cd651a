from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Document


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Read-only: documents move through the library pages (audited, permission-checked)."""

    list_display = ["__str__", "kind", "community", "status", "visibility", "updated_at"]
    list_filter = ["kind", "status", "visibility"]
