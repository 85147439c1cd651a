from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "read_at"]
    list_filter = ["action"]
    readonly_fields = ["user", "action", "message", "context", "url", "created_at", "read_at"]

    def has_add_permission(self, request):
        return False
