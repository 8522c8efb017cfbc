"""Writes of the resource centre: a host's proposal, a counted download, publication."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from places import slugs
from places.accounts.models import User
from places.accounts.permissions import can_change_place
from places.models import Place
from places.resources import uploads
from places.resources.models import RESERVED_SLUGS, DownloadCount, Resource, ResourceFile


def unique_slug(title: str) -> str:
    return slugs.unique_slug(
        title, among=Resource.objects.all(), reserved=RESERVED_SLUGS, default="ressource"
    )


def resource_file_add(*, resource: Resource, upload, name: str = "") -> ResourceFile:
    """Stores an uploaded file through the storage API, with its type read from its content
    and its size (raises uploads.FileRefused)."""
    file_type = uploads.check(upload)
    stem = slugify(upload.name.rsplit(".", 1)[0])[:80] or "fichier"
    item = ResourceFile(
        resource=resource,
        name=name or upload.name[:150],
        content_type=file_type.content_type,
        size=upload.size,
        position=resource.files.count(),
    )
    # The stored name ends with the real type's extension, whatever the upload was called.
    upload.seek(0)
    item.file.save(f"{stem}.{file_type.extension}", upload, save=False)
    item.save()
    return item


@transaction.atomic
def resource_propose(*, user: User, place: Place, data: dict, upload=None) -> Resource:
    """A host proposes a resource for their place: pending until a coordinator publishes it."""
    if not can_change_place(user, place):
        raise PermissionDenied
    themes, stages = data.pop("themes", []), data.pop("stages", [])
    resource = Resource.objects.create(
        **data,
        slug=unique_slug(data["title"]),
        place=place,
        proposed_by=user,
        status=Resource.Status.PENDING,
    )
    resource.themes.set(themes)
    resource.stages.set(stages)
    if upload is not None:
        resource_file_add(resource=resource, upload=upload)
    return resource


def resource_publish(*, resources) -> int:
    """Publishes resources (the admin's action); the first publication date is kept."""
    now = timezone.now()
    count = 0
    for resource in resources:
        resource.status = Resource.Status.PUBLISHED
        resource.published_at = resource.published_at or now
        resource.save(update_fields=["status", "published_at", "updated_at"])
        count += 1
    return count


def resource_downloaded(*, resource_id: int) -> None:
    """One more download of a resource: a total, in the database, nobody's trace."""
    if not DownloadCount.objects.filter(resource_id=resource_id).update(count=F("count") + 1):
        counter, created = DownloadCount.objects.get_or_create(
            resource_id=resource_id, defaults={"count": 1}
        )
        if not created:  # another download created it meanwhile
            DownloadCount.objects.filter(pk=counter.pk).update(count=F("count") + 1)
