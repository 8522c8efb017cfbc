"""The outbox's task: send one mail (retried by services.deliver when it fails)."""

from django_tasks import task

from places.outbox import services


@task()
def deliver_mail(outgoing_id: int) -> bool:
    return services.deliver(outgoing_id)
