"""Work done off the request by the task queue (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task

from places.importing import uploads
from places.models import PlaceImport


@task()
def check_place_import(upload_id: int) -> str:
    """The preview of an admin upload: every row checked, nothing written."""
    return uploads.place_import_upload(upload=PlaceImport.objects.get(pk=upload_id), apply=False)


@task()
def apply_place_import(upload_id: int) -> str:
    """A confirmed admin upload, imported all or nothing."""
    return uploads.place_import_upload(upload=PlaceImport.objects.get(pk=upload_id), apply=True)
