"""Notifications belong to their recipient; the list is always the signed-in person's own."""

import rules

rules.add_perm("notifications.view_notification", rules.is_authenticated)
