"""schema.org data for an event's public page (never its online link: that is for
confirmed participants only)."""

from tashbeek.core.seo import compact

from .models import Event

MODES = {
    Event.Mode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
}


def event_ld(event: Event, *, url: str) -> dict:
    if event.mode == Event.Mode.ONLINE:
        location = {"@type": "VirtualLocation", "url": url}
    else:
        location = compact({"@type": "Place", "name": event.venue or str(event.title)})
        if event.latitude is not None and event.longitude is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
    cancelled = event.status == Event.Status.CANCELLED
    return compact(
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": str(event.title),
            "description": str(event.description) or None,
            "url": url,
            # In the event's own zone, with its offset: the page, e-mail and .ics agree.
            "startDate": event.local_start.isoformat(),
            "endDate": event.local_end.isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if cancelled
            else "https://schema.org/EventScheduled",
            "eventAttendanceMode": MODES[event.mode],
            "location": location,
            "organizer": {"@type": "Organization", "name": str(event.community.name)}
            if event.community
            else None,
        }
    )
