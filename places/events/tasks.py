"""Work of the agenda done off the request by the task queue (`manage.py db_worker`)."""

from django.utils.translation import gettext as _
from django_tasks import task

from places import mail


@task()
def tell_hosts_feed_broken(feed_id: int) -> int:
    """One mail to the hosts of a place whose imported calendar could not be read."""
    from places.accounts.models import User
    from places.events.models import EventFeed

    feed = EventFeed.objects.select_related("place").get(pk=feed_id)
    emails = list(
        User.objects.filter(hostings__place=feed.place, is_active=True).values_list(
            "email", flat=True
        )
    )
    if emails:
        mail.send_message(
            to=emails,
            subject=_("Votre calendrier importé n’a pas pu être lu"),
            template="mail/event_feed_broken",
            context={"feed": feed, "place": feed.place},
        )
    return len(emails)
