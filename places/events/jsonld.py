"""schema.org `Event` of an event's page (eventStatus, eventAttendanceMode, location, offers)."""

from django.conf import settings

from places.events.models import Attendance, Event, Status
from places.events.recurrence import iso

STATUS = {
    Status.SCHEDULED: "https://schema.org/EventScheduled",
    Status.FULL: "https://schema.org/EventScheduled",
    Status.POSTPONED: "https://schema.org/EventPostponed",
    Status.CANCELLED: "https://schema.org/EventCancelled",
}
ATTENDANCE = {
    Attendance.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.MIXED: "https://schema.org/MixedEventAttendanceMode",
}


def event_jsonld(event: Event, *, occurrence=None) -> dict:
    start = occurrence.start if occurrence else event.start
    end = occurrence.end if occurrence else event.end
    status = occurrence.status if occurrence else event.status
    url = f"{settings.SITE_URL}{event.get_absolute_url()}"
    point = event.point
    place = {
        "@type": "Place",
        "name": event.venue if event.off_site else event.place.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.address if event.off_site else event.place.address,
            "addressLocality": event.commune if event.off_site else event.place.commune,
            "addressCountry": "FR",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": point.y, "longitude": point.x},
    }
    locations = []
    if event.attendance != Attendance.ONLINE:
        locations.append(place)
    if event.attendance != Attendance.OFFLINE:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    offers = {
        "@type": "Offer",
        "url": event.registration_url or url,
        "price": "0" if event.is_free else event.price,
        "priceCurrency": "EUR",
        "availability": "https://schema.org/SoldOut"
        if status == Status.FULL
        else "https://schema.org/InStock",
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": iso(start, all_day=event.all_day),
        "endDate": iso(end, all_day=event.all_day),
        "eventStatus": STATUS[status],
        "eventAttendanceMode": ATTENDANCE[event.attendance],
        "location": locations[0] if len(locations) == 1 else locations,
        "offers": offers,
        "organizer": {
            "@type": "Organization",
            "name": event.place.name,
            "url": f"{settings.SITE_URL}{event.place.get_absolute_url()}",
        },
    }
    if event.description:
        data["description"] = event.description
    return data
