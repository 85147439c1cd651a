from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def notifications(request):
    """The unread count for the header, counted only if a template shows it."""
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(request.user))}
