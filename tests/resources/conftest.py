"""Fixtures of the resource centre's tests: a published resource with a real ODT file."""

import pytest

from places.resources import services
from tests.resources import files
from tests.resources.factories import ResourceFactory


@pytest.fixture
def statutes(db):
    resource = ResourceFactory(
        title="Statuts d’association", slug="statuts", kind="modele", themes=["juridique"]
    )
    services.resource_file_add(resource=resource, upload=files.odt(), name="Statuts (ODT)")
    return resource
