"""The audit actions of events, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "events.event.created": _("Event created"),
        "events.event.updated": _("Event changed"),
        "events.registration.confirmed": _("Registration confirmed"),
        "events.registration.waitlisted": _("Registration on the waitlist"),
        "events.registration.cancelled": _("Registration cancelled"),
        "events.registration.promoted": _("Moved from the waitlist to a seat"),
        "events.attendance.recorded": _("Attendance recorded"),
    }
)
